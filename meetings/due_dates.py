"""The sessions in « Mes tâches »: a representative answers an invitation before the eve
of the session; the team and the session's intervenants fill the attendance list on the
day. A constant number of queries."""

from collections import defaultdict
from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from agenda import selectors as agenda
from agenda.registry import Task, among, per_project
from cycle.due_dates import pilots_by_project, visible_in_cycle
from directory.models import StructureContact

from .models import Invitation, Meeting
from .vocabulary import Answer

KIND_ANSWER, KIND_ATTENDANCE = "meeting-answer", "meeting-attendance"


def _contacts(structure_ids) -> dict[int, set[int]]:
    owners = defaultdict(set)
    for sid, uid in StructureContact.objects.filter(
        structure_id__in=structure_ids, withdrawn_at__isnull=True, user__is_active=True
    ).values_list("structure_id", "user_id"):
        owners[sid].add(uid)
    return owners


def _pending(user, due_before, projects):
    # The representatives do not see the IC's page: their own invitations only.
    # Once the session is held, an answer is no longer asked for.
    invitations = among(Invitation.objects, projects, "meeting__project_id").filter(
        answer=Answer.PENDING, meeting__cancelled_at__isnull=True,
        meeting__held_on__gte=agenda.today(),
    )
    if user is not None:
        invitations = invitations.filter(structure__contacts__user=user,
                                         structure__contacts__withdrawn_at__isnull=True)
    if due_before is not None:
        invitations = invitations.filter(meeting__held_on__lte=due_before)
    return invitations


def _unrecorded(user, due_before, projects):
    meetings = among(Meeting.objects, projects).filter(
        project__in=visible_in_cycle(user), cancelled_at__isnull=True, attendees__isnull=True
    )
    return meetings if due_before is None else meetings.filter(held_on__lt=due_before)


def _answer_tasks(user, due_before, projects):
    invitations = list(_pending(user, due_before, projects).select_related("meeting__project"))
    owners = _contacts({i.structure_id for i in invitations})
    return [
        Task(
            key=f"{KIND_ANSWER}:{i.pk}",
            kind=KIND_ANSWER,
            title=_("Répondre à l'invitation à la séance « %(title)s »") % {
                "title": i.meeting.title
            },
            project_id=i.meeting.project_id,
            project_title=i.meeting.project.title,
            due_on=i.meeting.held_on - timedelta(days=1),
            url=reverse("meetings:detail", args=[i.meeting_id]),
            assignee_ids=tuple(sorted(owners.get(i.structure_id, ()))),
        )
        for i in invitations
    ]


def _attendance_tasks(user, due_before, projects):
    meetings = list(
        _unrecorded(user, due_before, projects)
        .select_related("project").prefetch_related("intervenants").distinct()
    )
    pilots = pilots_by_project({m.project_id for m in meetings})
    return [
        Task(
            key=f"{KIND_ATTENDANCE}:{m.pk}",
            kind=KIND_ATTENDANCE,
            title=_("Remplir la liste d'émargement de la séance « %(title)s »") % {
                "title": m.title
            },
            project_id=m.project_id,
            project_title=m.project.title,
            due_on=m.held_on,
            url=reverse("meetings:attendance", args=[m.pk]),
            assignee_ids=tuple(sorted(
                {*pilots.get(m.project_id, ()),
                 *(i.user_id for i in m.intervenants.all() if i.user_id)}
            )),
        )
        for m in meetings
    ]


def meeting_counts(*, user=None, due_before=None, projects=None):
    return [
        per_project(_pending(user, due_before, projects), "meeting__project_id"),
        per_project(_unrecorded(user, due_before, projects)),
    ]


def meeting_tasks(*, user=None, due_before=None, projects=None):
    return [
        *_answer_tasks(user, due_before, projects),
        *_attendance_tasks(user, due_before, projects),
    ]
