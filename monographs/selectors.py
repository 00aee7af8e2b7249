"""What the documents read, fetched in a fixed number of queries."""

from django.db.models import Prefetch

from cycle.models import Objective, Project
from cycle.rules import can_edit_project
from cycle.vocabulary import ObjectiveKind, ParticipationStatus
from grille.vocabulary import THEMES, Axis

from .models import Specification
from .services import missing_for_issue


def themes_by_axis(codes) -> list[tuple[str, list[str]]]:
    chosen = set(codes)
    grouped = [
        (axis.label, [t.label for t in THEMES if t.axis == axis and t.code in chosen])
        for axis in Axis
    ]
    return [(axis, labels) for axis, labels in grouped if labels]


CONDITIONS = ("rhythm", "duration", "period", "place", "logistics", "scenarios")


def conditions(specification) -> list[tuple[str, str]]:
    """The technical conditions, labelled by the model's own verbose names."""
    if specification is None:
        return []
    meta = Specification._meta
    return [
        (meta.get_field(name).verbose_name.capitalize(), getattr(specification, name))
        for name in CONDITIONS
    ]


def specification_context(project: Project, user) -> dict:
    project = (
        Project.objects.select_related("specification")
        .prefetch_related(
            "sectors", "departements", "regions", "pilotages__organisation",
            Prefetch("objectives", queryset=Objective.objects.order_by("position", "pk")),
            "specification__criteria",
        )
        .get(pk=project.pk)
    )
    try:
        specification = project.specification
    except Specification.DoesNotExist:
        specification = None
    objectives = list(project.objectives.all())
    criteria = list(specification.criteria.all()) if specification else []
    return {
        "project": project,
        "specification": specification,
        "operational_objectives": [o for o in objectives if o.kind == ObjectiveKind.OPERATIONAL],
        "evaluation_objectives": [o for o in objectives if o.kind == ObjectiveKind.EVALUATION],
        "committed_count": project.participations.filter(
            status=ParticipationStatus.COMMITTED
        ).count(),
        "themes": themes_by_axis(specification.expected_themes) if specification else [],
        "criteria": criteria,
        "criteria_total": sum(c.weight for c in criteria),
        "specification_conditions": conditions(specification),
        "referent": next((p.organisation for p in project.pilotages.all() if p.is_referent), None),
        "missing": missing_for_issue(specification) if specification else [],
        "can_edit": can_edit_project(user, project),
    }
