"""The IC's dated steps as agenda tasks: checklist items with a due date (current
sub-phase, ticked by hand) and the committee meetings planned ahead.

Registered with the agenda from ``CycleConfig.ready()``; each source does three queries.
"""

from collections import defaultdict

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from agenda import selectors as agenda
from agenda.registry import Task, among, per_project

from . import checklists, rules
from .models import ChecklistItem, Meeting, PhaseTarget, Project
from .states import OUT_OF_CYCLE
from .vocabulary import ProjectTab

CHECKLIST, MEETING, TARGET = "checklist", "meeting", "phase-target"


def pilots_by_project(project_ids) -> dict[int, tuple[int, ...]]:
    """{project_id: pks of its chargés de mission} in one query: who owns an unassigned task."""
    rows = User.objects.filter(
        is_active=True,
        role=Role.CHARGE_MISSION,
        organisation__pilotages__project_id__in=set(project_ids),
    ).values_list("organisation__pilotages__project_id", "pk")
    owners = defaultdict(set)
    for project_id, user_id in rows:
        owners[project_id].add(user_id)
    return {project_id: tuple(sorted(ids)) for project_id, ids in owners.items()}


def visible_in_cycle(user):
    """The ICs in the cycle that ``user`` may see (user None: all of them)."""
    projects = Project.objects.exclude(state__in=OUT_OF_CYCLE)
    q = rules.visible_q(user) if user is not None else None
    return projects.filter(q).distinct() if q is not None else projects


def _page(project_id, tab=None, anchor="liste-controle") -> str:
    url = reverse("cycle:project_detail", args=[project_id])
    return f"{url}?onglet={tab}#{anchor}" if tab else f"{url}#{anchor}"


def _open_items(user, due_before, projects):
    """Dated items of the IC's current sub-phase, ticked by hand and not yet."""
    items = among(ChecklistItem.objects, projects).filter(
        project__in=visible_in_cycle(user),
        done=False,
        due_on__isnull=False,
        phase=F("project__state"),
    ).exclude(checklists.answered_q())
    return items if due_before is None else items.filter(due_on__lt=due_before)


def checklist_tasks(*, user=None, due_before=None, projects=None):
    items = list(_open_items(user, due_before, projects).select_related("project"))
    pilots = pilots_by_project(i.project_id for i in items)
    return [_checklist_task(item, pilots) for item in items]


def checklist_counts(*, user=None, due_before=None, projects=None):
    return [per_project(_open_items(user, due_before, projects))]


def _checklist_task(item, pilots) -> Task:
    return Task(
        key=f"{CHECKLIST}:{item.pk}",
        kind=CHECKLIST,
        title=item.label,
        project_id=item.project_id,
        project_title=item.project.title,
        due_on=item.due_on,
        url=_page(item.project_id),
        assignee_ids=(item.assignee_id,) if item.assignee_id else pilots.get(item.project_id, ()),
        tick_url=reverse("cycle:checklist_tick", args=[item.project_id, item.pk]),
        # What the IC's checklist posts to tick it, from the version shown (no lost update).
        tick_payload={
            "done": "on",
            "note": item.note,
            "version": item.version,
            "initial-done": "false",
            "initial-note": item.note,
        },
    )


def meeting_tasks(*, user=None, due_before=None, projects=None):
    if due_before is not None and due_before <= agenda.today():
        return []  # only meetings ahead are tasks: none is overdue (the badges ask that)
    meetings = among(Meeting.objects, projects, "committee__project_id").filter(
        committee__project__in=visible_in_cycle(user),
        held_on__gte=agenda.today(),
    ).select_related("committee__project")
    if due_before is not None:
        meetings = meetings.filter(held_on__lt=due_before)
    meetings = list(meetings)
    pilots = pilots_by_project(m.committee.project_id for m in meetings)
    return [
        Task(
            key=f"{MEETING}:{m.pk}",
            kind=MEETING,
            title=_("Réunion : %(committee)s") % {"committee": m.committee.get_kind_display()},
            project_id=m.committee.project_id,
            project_title=m.committee.project.title,
            due_on=m.held_on,
            url=_page(m.committee.project_id, ProjectTab.COMMITTEES.value, "comites"),
            assignee_ids=pilots.get(m.committee.project_id, ()),
        )
        for m in meetings
    ]


def _current_targets(user, due_before, projects):
    """The target date of each IC's current sub-phase (the others are past or ahead)."""
    rows = among(PhaseTarget.objects, projects).filter(
        project__in=visible_in_cycle(user), phase=F("project__state")
    )
    return rows if due_before is None else rows.filter(due_on__lt=due_before)


def target_counts(*, user=None, due_before=None, projects=None):
    return [per_project(_current_targets(user, due_before, projects))]


def target_tasks(*, user=None, due_before=None, projects=None):
    rows = list(_current_targets(user, due_before, projects).select_related("project"))
    pilots = pilots_by_project(t.project_id for t in rows)
    return [
        Task(
            key=f"{TARGET}:{t.pk}",
            kind=TARGET,
            title=_("Terminer la sous-phase « %(phase)s »") % {"phase": t.get_phase_display()},
            project_id=t.project_id,
            project_title=t.project.title,
            due_on=t.due_on,
            url=_page(t.project_id),
            assignee_ids=pilots.get(t.project_id, ()),
        )
        for t in rows
    ]
