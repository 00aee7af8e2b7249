"""The grille's expected return as an agenda task: owned by the IC's chargés de mission
and by the intervenants of the firms assigned to it (never another firm's). Three queries."""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _

from agenda.registry import Task, among, per_project
from cycle.due_dates import pilots_by_project, visible_in_cycle
from cycle.models import ProjectPrestataire

from .models import Grille

KIND = "grille-return"


def intervenants_by_project(project_ids) -> dict[int, set[int]]:
    rows = ProjectPrestataire.objects.filter(
        project_id__in=set(project_ids),
        prestataire__intervenants__user__is_active=True,
    ).values_list("project_id", "prestataire__intervenants__user_id")
    owners = defaultdict(set)
    for project_id, user_id in rows:
        owners[project_id].add(user_id)
    return owners


def _expected(user, due_before, projects):
    grilles = among(Grille.objects, projects).filter(
        project__in=visible_in_cycle(user),
        expected_return_on__isnull=False,
        status__in=Grille.AUTHOR_EDITABLE,  # not handed in yet
    )
    return grilles if due_before is None else grilles.filter(expected_return_on__lt=due_before)


def grille_counts(*, user=None, due_before=None, projects=None):
    return [per_project(_expected(user, due_before, projects))]


def grille_tasks(*, user=None, due_before=None, projects=None):
    grilles = list(_expected(user, due_before, projects).select_related("project"))
    ids = [g.project_id for g in grilles]
    pilots, intervenants = pilots_by_project(ids), intervenants_by_project(ids)
    return [
        Task(
            key=f"{KIND}:{g.pk}",
            kind=KIND,
            title=_("Rendre la grille d'enquête"),
            project_id=g.project_id,
            project_title=g.project.title,
            due_on=g.expected_return_on,
            url=reverse("grille:overview", kwargs={"project_pk": g.project_id}),
            assignee_ids=tuple(
                sorted({*pilots.get(g.project_id, ()), *intervenants.get(g.project_id, ())})
            ),
        )
        for g in grilles
    ]
