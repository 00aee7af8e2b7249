"""What the sessions' pages read, a constant number of queries whatever the sessions."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.rules import structure_id
from cycle.audiences import role_levels
from cycle.due_dates import pilots_by_project
from cycle.models import BudgetTranche, PlannedPhase, Project, ProjectPrestataire, ProjectStructure
from cycle.page_links import PageLink
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, StructureContact

from .attendance import PhaseAttendance, by_planned_phase
from .models import Attendee, Invitation, Meeting
from .rules import Reach, reach
from .vocabulary import Answer


def project_for(user, pk) -> tuple[Project, Reach]:
    """The IC and how far ``user`` reaches its sessions; 404 if not at all."""
    project = get_object_or_404(Project, pk=pk)
    seen = reach(user, project)
    if seen == Reach.NONE:
        raise Http404
    return project, seen


def _invitations():
    return Invitation.objects.select_related("structure", "answered_by")


def meetings(user, project, seen: Reach) -> list[Meeting]:
    """The IC's sessions ``user`` sees, with their invitations (a representative: its own)."""
    rows = Meeting.objects.filter(project=project)
    invitations = _invitations()
    if seen == Reach.STRUCTURE:
        sid = structure_id(user)
        rows = rows.filter(invitations__structure_id=sid)
        invitations = invitations.filter(structure_id=sid)
    return list(
        rows.prefetch_related(
            Prefetch("invitations", invitations),
            Prefetch("intervenants", Intervenant.objects.order_by("last_name", "first_name")),
        ).select_related("planned_phase").order_by("held_on", "starts_at", "pk")
    )


def meeting_for(user, pk) -> tuple[Meeting, Reach]:
    """One session and how far ``user`` reaches it; 404 if not (a representative: only
    a session its structure is invited to)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("project", "planned_phase"), pk=pk
    )
    seen = reach(user, meeting.project)
    if seen == Reach.NONE:
        raise Http404
    invitations = _invitations().filter(meeting=meeting)
    if seen == Reach.STRUCTURE:
        invitations = invitations.filter(structure_id=structure_id(user))
    meeting.shown_invitations = list(invitations)
    if seen == Reach.STRUCTURE and not meeting.shown_invitations:
        raise Http404
    meeting.shown_intervenants = list(
        meeting.intervenants.select_related("prestataire").order_by("last_name", "first_name")
    )
    return meeting, seen


def where(meeting) -> str:
    parts = [p for p in (meeting.place, meeting.video_url) if p]
    return " – ".join(parts) if parts else _("Lieu à préciser")


def participations(project):
    """The structures an IC may invite: those committed to it (whose representatives
    reach its « Espace structure »)."""
    return (
        ProjectStructure.objects.filter(project=project, status=ParticipationStatus.COMMITTED)
        .select_related("structure")
        .order_by("structure__name")
    )


def chosen_intervenants(project):
    """The intervenants of the firms chosen for the IC."""
    firms = ProjectPrestataire.objects.filter(project=project).values("prestataire_id")
    return Intervenant.objects.filter(prestataire_id__in=firms).select_related(
        "prestataire"
    ).order_by("last_name", "first_name")


def _contact_names(structure_ids) -> dict[int, list[str]]:
    names = defaultdict(list)
    contacts = StructureContact.objects.filter(
        structure_id__in=structure_ids, withdrawn_at__isnull=True, user__is_active=True
    ).select_related("user")
    for contact in contacts:
        names[contact.structure_id].append(contact.user.get_full_name() or contact.user.username)
    return names


@dataclass
class Line:
    structure: object
    slot: int
    name: str
    present: bool

    @property
    def field(self) -> str:
        return f"{self.structure.pk}-{self.slot}"


def expected_lines(meeting) -> list[Line]:
    """One line per expected person: the recorded ones, else the representatives' names
    then blank lines up to the number expected of each structure (three queries)."""
    invitations = [i for i in _invitations().filter(meeting=meeting) if i.expected]
    recorded = {
        (a.structure_id, a.slot): a for a in Attendee.objects.filter(meeting=meeting)
    }
    names = _contact_names([i.structure_id for i in invitations])
    lines = []
    for invitation in invitations:
        sid = invitation.structure_id
        count = max(invitation.expected, *(s for (k, s) in recorded if k == sid), 0)
        for slot in range(1, count + 1):
            row = recorded.get((sid, slot))
            default = names[sid][slot - 1] if slot <= len(names[sid]) else ""
            lines.append(Line(
                invitation.structure, slot,
                row.name if row else default, row.present if row else False,
            ))
    return lines


def fse_cofunded(project) -> bool:
    """A budget tranche of the IC is funded by a partner flagged « FSE » (the budget is
    where the IC's funders are recorded)."""
    return BudgetTranche.objects.filter(
        project=project, funders__european_social_fund=True
    ).exists()


@dataclass
class Total:
    structure: object
    sessions: int = 0
    hours: float = 0.0
    people: int = 0


def totals_for(project) -> list[Total]:
    """Per structure: the sessions (not cancelled) where someone of it was present, their
    hours, and the people present counted session by session. One query; the grille reads it."""
    present = (
        Attendee.objects.filter(
            meeting__project=project, meeting__cancelled_at__isnull=True, present=True
        )
        .select_related("structure", "meeting")
        .order_by("structure__name", "meeting_id")
    )
    totals, seen = {}, set()
    for row in present:
        total = totals.setdefault(row.structure_id, Total(row.structure))
        total.people += 1
        if (row.structure_id, row.meeting_id) not in seen:
            seen.add((row.structure_id, row.meeting_id))
            total.sessions += 1
            total.hours += row.meeting.hours
    return list(totals.values())


def phase_totals(project) -> list[tuple[PlannedPhase, PhaseAttendance]]:
    """The IC's planned phases that have held sessions, with their totals (two queries)."""
    phases = PlannedPhase.objects.filter(project=project).order_by("position", "pk")
    totals = by_planned_phase(project)
    return [(phase, totals[phase.pk]) for phase in phases if phase.pk in totals]


def people_of_meetings_on(day) -> dict[Meeting, set[int]]:
    """{session held on ``day``, not cancelled: the users expected at it}: the IC's chargés
    de mission, the session's intervenants, the representatives of the structures invited
    that have not declined. Four queries."""
    rows = list(
        Meeting.objects.filter(held_on=day, cancelled_at__isnull=True)
        .select_related("project")
        .prefetch_related("intervenants", Prefetch("invitations", Invitation.objects.exclude(
            answer=Answer.NO
        )))
    )
    pilots = pilots_by_project({m.project_id for m in rows})
    structures = {i.structure_id for m in rows for i in m.invitations.all()}
    contacts = defaultdict(set)
    for sid, uid in StructureContact.objects.filter(
        structure_id__in=structures, withdrawn_at__isnull=True, user__is_active=True
    ).values_list("structure_id", "user_id"):
        contacts[sid].add(uid)
    people = {}
    for meeting in rows:
        ids = set(pilots.get(meeting.project_id, ()))
        ids |= {i.user_id for i in meeting.intervenants.all() if i.user_id}
        for invitation in meeting.invitations.all():
            ids |= contacts[invitation.structure_id]
        people[meeting] = ids
    return people


def meetings_link(user, project) -> PageLink | None:
    """The IC page's and « Espace structure »'s link to the sessions (a representative's
    reach is checked on its page: the link shows to whoever's role may have sessions)."""
    if not role_levels(user):
        return None
    return PageLink(
        label=_("Séances et émargement") if structure_id(user) is None else _("Séances"),
        url=reverse("meetings:list", args=[project.pk]),
        testid="meetings-link",
    )


def structure_section(user, project) -> dict | None:
    """The « Espace structure »'s sessions: those the representative's structure is invited
    to, with its own answer only."""
    sid = structure_id(user)
    if sid is None:
        return None
    invitations = list(
        _invitations()
        .filter(meeting__project=project, structure_id=sid)
        .select_related("meeting")
        .order_by("meeting__held_on", "meeting__starts_at")
    )
    return {"template": "meetings/_structure_section.html", "invitations": invitations}


def invitation_of(user, meeting) -> Invitation | None:
    sid = structure_id(user)
    if sid is None:
        return None
    return Invitation.objects.filter(meeting=meeting, structure_id=sid).first()


def unsent_invitations(meeting):
    return Invitation.objects.filter(meeting=meeting, sent_at__isnull=True).select_related(
        "structure"
    )


def invitations_to_update(meeting):
    """The invitations already sent that have not been mailed the version to tell."""
    if meeting.notice_version is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(meeting=meeting, sent_at__isnull=False).filter(
        Q(mailed_version__isnull=True) | Q(mailed_version__lt=meeting.notice_version)
    )


def meetings_to_update():
    """The sessions with an invitation still to tell of a change (the sweep's safety net
    behind the task queued at each change)."""
    return Meeting.objects.filter(
        Q(invitations__mailed_version__isnull=True)
        | Q(invitations__mailed_version__lt=F("notice_version")),
        notice_version__isnull=False, invitations__sent_at__isnull=False,
    ).distinct().select_related("project")


def recipients_of(invitation) -> list:
    """The active representatives of the invited structure with an e-mail address."""
    return [
        c.user for c in StructureContact.objects.filter(
            structure_id=invitation.structure_id, withdrawn_at__isnull=True,
            user__is_active=True,
        ).exclude(user__email="").select_related("user")
    ]

