"""What a structure's representative reads: their ICs, and in each only what is shared with
the structures (« Espace structure »). Never the IC's page, another structure, a budget, a
note, the grille or the tender. Reached through ``cycle.rules.structure_space_q``, read on
each request: a participation withdrawn or a contact withdrawn closes it at once.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from accounts.rules import structure_id

from .. import spaces
from ..models import Objective, PlannedPhase, Project, ProjectPilot, ProjectStructure
from ..rules import COMMITTED, piloted_q, structure_space_q
from ..vocabulary import ObjectiveKind
from . import feed

SPACE_FEED_LIMIT = 30


def pilots_structure(user, structure_id) -> bool:
    """Whether ``user`` pilots an IC ``structure_id`` is committed to: accounts.rules asks
    (registered from cycle/apps.py), to let them invite its contacts and withdraw them."""
    return Project.objects.filter(
        piloted_q(user), participations__structure_id=structure_id,
        participations__status=COMMITTED,
    ).exists()


def structure_projects(user):
    """The ICs the user's structure is committed to (none once withdrawn), by title."""
    ids = Project.objects.filter(structure_space_q(user)).values("pk")
    return Project.objects.filter(pk__in=ids).order_by("title", "pk")


def structure_space(user, pk) -> dict:
    """One IC's « Espace structure » for ``user``; 404 unless their structure is committed."""
    sid = structure_id(user)
    project = get_object_or_404(
        structure_projects(user).prefetch_related(
            Prefetch("objectives", Objective.objects.order_by("kind", "position", "pk")),
            Prefetch("planned_phases", PlannedPhase.objects.order_by("position", "pk")),
            Prefetch(
                "pilotages", ProjectPilot.objects.filter(is_referent=True)
                .select_related("organisation"),
            ),
        ),
        pk=pk,
    )
    participation = ProjectStructure.objects.select_related("structure").get(
        project=project, structure_id=sid
    )
    referent = project.referent
    contacts = (
        User.objects.filter(is_active=True, role=Role.CHARGE_MISSION, organisation=referent)
        .order_by("last_name", "first_name") if referent else User.objects.none()
    )
    labels = dict(ObjectiveKind.choices)
    return {
        "project": project, "participation": participation, "referent": referent,
        "referent_contacts": list(contacts),
        "sections": spaces.sections(user, project),
        # Only what is shared with the structures: their role's levels (cycle.audiences).
        "activity": feed.feed(
            feed.project_scope(user, project, limit=SPACE_FEED_LIMIT), project=project
        ),
        "objectives": [
            (labels.get(kind, kind), rows)
            for kind, rows in project.objectives_by_kind().items() if rows
        ],
    }
