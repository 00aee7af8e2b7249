"""A questionnaire due as an agenda task (« Mes tâches »): owned by the structure's
representatives and the IC's chargés de mission, reminded as any task by the scheduled run
(``cycle.reminders``); still unanswered 30 days after, the IC's whole pilot team hears it
(once; they may fill it in with the structure by phone). Three queries."""

from collections import defaultdict
from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.rules import is_admin, structure_id
from agenda import selectors as agenda
from agenda.registry import Task, among, per_project
from cycle.due_dates import pilots_by_project
from cycle.models import Project
from cycle.reminders import pilot_team_escalation
from cycle.rules import structure_space_q, visible_q
from directory.models import StructureContact

from .models import Questionnaire

KIND = "followup-questionnaire"
# Shown a month ahead: N+1 and N+2, years away, would only crowd the list.
LEAD_DAYS = 30
# Unanswered this long after its due date, it goes to the pilot team (not the tasks' 7 days).
ESCALATE_AFTER_DAYS = 30


def _visible(user):
    questionnaires = Questionnaire.objects.filter(answered_at__isnull=True)
    if user is None or is_admin(user):
        return questionnaires
    if user.role == Role.STRUCTURE:
        return questionnaires.filter(
            participation__structure_id=structure_id(user),
            participation__project__in=_projects(structure_space_q(user)),
        )
    if user.role == Role.INTERVENANT:
        return questionnaires.none()
    return questionnaires.filter(participation__project__in=_projects(visible_q(user)))


def _projects(q):
    return Project.objects.filter(q).values("pk")


def representatives(structure_ids) -> dict[int, set[int]]:
    rows = StructureContact.objects.filter(
        structure_id__in=set(structure_ids), withdrawn_at__isnull=True, user__is_active=True,
    ).values_list("structure_id", "user_id")
    people = defaultdict(set)
    for sid, user_id in rows:
        people[sid].add(user_id)
    return people


def _due(user, due_before, projects):
    """Unanswered, due before ``due_before`` and at most LEAD_DAYS ahead."""
    horizon = agenda.today() + timedelta(days=LEAD_DAYS + 1)
    if due_before is None or due_before > horizon:
        due_before = horizon
    return among(_visible(user), projects, "participation__project_id").filter(
        due_on__lt=due_before
    )


def questionnaire_counts(*, user=None, due_before=None, projects=None):
    return [per_project(_due(user, due_before, projects), "participation__project_id")]


def questionnaire_tasks(*, user=None, due_before=None, projects=None):
    questionnaires = list(
        _due(user, due_before, projects)
        .select_related("participation__structure", "participation__project")
    )
    pilots = pilots_by_project({q.participation.project_id for q in questionnaires})
    reps = representatives({q.participation.structure_id for q in questionnaires})
    return [
        Task(
            key=f"{KIND}:{q.pk}",
            kind=KIND,
            title=_("Questionnaire de suivi %(year)s de %(structure)s")
            % {"year": q.short_year, "structure": q.participation.structure.name},
            project_id=q.participation.project_id,
            project_title=q.participation.project.title,
            due_on=q.due_on,
            url=reverse("followup:answer", args=[q.pk]),
            assignee_ids=tuple(sorted({
                *pilots.get(q.participation.project_id, ()),
                *reps.get(q.participation.structure_id, ()),
            })),
            escalate_after_days=ESCALATE_AFTER_DAYS,
            escalate_to=pilot_team_escalation,
        )
        for q in questionnaires
    ]
