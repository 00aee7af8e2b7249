"""What the documents read, fetched in a fixed number of queries."""

from django.db.models import Prefetch

from cycle import guards
from cycle.models import Objective, Project, ProjectPartner, objectives_by_kind, tranche_totals
from cycle.rules import can_edit_project
from cycle.vocabulary import ObjectiveKind, ParticipationStatus
from grille.vocabulary import THEMES, Axis, InterventionType

from .checks import missing_for_issue
from .models import Specification


def themes_by_axis(codes) -> list[tuple[str, list[str]]]:
    chosen = set(codes)
    grouped = [
        (axis.label, [t.label for t in THEMES if t.axis == axis and t.code in chosen])
        for axis in Axis
    ]
    return [(axis, labels) for axis, labels in grouped if labels]


CONDITIONS = ("rhythm", "duration", "period", "place", "logistics", "scenarios")


def conditions(specification) -> list[tuple[str, str]]:
    """The technical conditions recorded, labelled by the model's own verbose names."""
    if specification is None:
        return []
    meta = Specification._meta
    return [
        (meta.get_field(name).verbose_name.capitalize(), getattr(specification, name))
        for name in CONDITIONS if getattr(specification, name).strip()
    ]


def intervention_types(specification) -> list[str]:
    codes = specification.intervention_types if specification else []
    return [InterventionType(code).label for code in codes if code in InterventionType.values]


def specification_context(project: Project, user) -> dict:
    project = (
        Project.objects.select_related("specification")
        .prefetch_related(
            "sectors", "departements", "regions", "pilotages__organisation", "budget_tranches",
            Prefetch("partnerships", queryset=ProjectPartner.objects.select_related("partner")),
            Prefetch("objectives", queryset=Objective.objects.order_by("position", "pk")),
            "specification__criteria",
        )
        .get(pk=project.pk)
    )
    try:
        specification = project.specification
    except Specification.DoesNotExist:
        specification = None
    listed = list(project.objectives.all())
    guards.OPERATIONAL_OBJECTIVES.given(project, listed)  # missing_for_issue: no query
    objectives = objectives_by_kind(listed)
    criteria = list(specification.criteria.all()) if specification else []
    tranches = list(project.budget_tranches.all())
    budget = tranche_totals(tranches)
    return {
        "project": project,
        "specification": specification,
        "operational_objectives": objectives[ObjectiveKind.OPERATIONAL],
        "evaluation_objectives": objectives[ObjectiveKind.EVALUATION],
        "committed_count": project.participations.filter(
            status=ParticipationStatus.COMMITTED
        ).count(),
        "themes": themes_by_axis(specification.expected_themes) if specification else [],
        "criteria": criteria,
        "criteria_total": sum(c.weight for c in criteria),
        "specification_conditions": conditions(specification),
        "partnerships": list(project.partnerships.all()),
        "tranches": tranches,
        "total_days": budget["days"],
        "intervention_types": intervention_types(specification),
        "referent": project.referent,
        "missing": missing_for_issue(specification) if specification else [],
        "can_edit": can_edit_project(user, project),
    }


def expected_themes(project) -> list[str]:
    """The theme codes the IC's cahier des charges expects (none before it is written)."""
    return Specification.objects.filter(project=project).values_list(
        "expected_themes", flat=True
    ).first() or []
