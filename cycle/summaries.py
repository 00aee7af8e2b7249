"""The ICs' summary rows (ProjectSummary): computed from their sources, kept exact.

``SOURCES`` is the one definition of each figure from the rows it counts. Every write
to an input refreshes the IC's row in the same transaction: the model signals below
cover the services of this app and of the apps above (which save these models), and
the services that write in bulk (queryset ``update``/``bulk_create``, which send no
signal) call ``refresh`` themselves. ``manage.py rebuild_summaries --check`` compares
every row with a fresh computation.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from .models import (
    BudgetTranche,
    Project,
    ProjectPilot,
    ProjectStructure,
    ProjectSummary,
)
from .vocabulary import ParticipationStatus

MONEY = ProjectSummary._meta.get_field("budget_amount")
DAYS = ProjectSummary._meta.get_field("budget_days")


def _per_project(queryset, aggregate, output_field):
    """A correlated subquery: ``aggregate`` over ``queryset``'s rows of the outer IC."""
    rows = (
        queryset.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(value=aggregate)
        .values("value")
    )
    return Subquery(rows, output_field=output_field)


def _structures(participations):
    return Coalesce(
        _per_project(participations, Count("structure", distinct=True), IntegerField()),
        Value(0),
    )


def _budget(column: str, output_field):
    return Coalesce(
        _per_project(BudgetTranche.objects.all(), Sum(column), output_field),
        Value(Decimal("0")),
        output_field=output_field,
    )


# Each summary field, from its sources (the inputs listed in INPUTS).
SOURCES = {
    "referent_name": lambda: Subquery(
        ProjectPilot.objects.filter(project=OuterRef("pk"), is_referent=True).values(
            "organisation__name"
        )[:1]
    ),
    "structures_committed": lambda: _structures(
        ProjectStructure.objects.filter(status=ParticipationStatus.COMMITTED)
    ),
    "structures_targeted": lambda: _structures(
        ProjectStructure.objects.exclude(status=ParticipationStatus.WITHDREW)
    ),
    "budget_amount": lambda: _budget("amount", MONEY),
    "budget_days": lambda: _budget("days", DAYS),
}
FIELDS = tuple(SOURCES)


def computed(projects=None) -> dict[int, dict]:
    """pk -> each figure recomputed from the sources, for ``projects`` (default: all)."""
    queryset = Project.objects.all() if projects is None else projects
    rows = queryset.order_by().annotate(**{f"new_{n}": SOURCES[n]() for n in FIELDS})
    return {
        row["pk"]: {name: row[f"new_{name}"] for name in FIELDS}
        for row in rows.values("pk", *(f"new_{n}" for n in FIELDS))
    }


def stored(projects=None) -> dict[int, dict]:
    """pk -> each figure as its summary row holds it (ICs without a row are absent)."""
    rows = ProjectSummary.objects.all()
    if projects is not None:
        rows = rows.filter(project__in=projects.order_by().values("pk"))
    return {row["project"]: {n: row[n] for n in FIELDS} for row in rows.values("project", *FIELDS)}


def refresh(project_ids, *, create: bool = True) -> None:
    """Recompute the rows of ``project_ids`` (one query to lock, one to read, one to write).

    ``create=False`` only updates existing rows: while an IC is being deleted its
    dependents' signals must not recreate the row the deletion already collected."""
    ids = sorted(set(project_ids))
    with transaction.atomic():
        # Lock the rows first, in a stable order: a concurrent writer of the same IC waits
        # here, then counts what the other one committed (else it stores a figure short).
        locked = ProjectSummary.objects.select_for_update().filter(project_id__in=ids)
        list(locked.order_by("project_id").values_list("pk", flat=True))
        _write(computed(Project.objects.filter(pk__in=ids)), create=create)


def _write(figures: dict, *, create: bool) -> None:
    rows = [ProjectSummary(project_id=pk, **values) for pk, values in figures.items()]
    if create:
        ProjectSummary.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["project"], update_fields=FIELDS,
            batch_size=500,
        )
    else:
        ProjectSummary.objects.bulk_update(rows, FIELDS, batch_size=500)


def differences() -> list[tuple[int, str, object, object]]:
    """(IC pk, figure, stored, recomputed) for each figure that differs; a missing row
    differs on every figure (stored: None)."""
    fresh, kept = computed(), stored()
    found = []
    for pk, values in sorted(fresh.items()):
        row = kept.get(pk)
        for name, value in values.items():
            if row is None or row[name] != value:
                found.append((pk, name, None if row is None else row[name], value))
    return found


def rebuild() -> int:
    """Recompute every IC's row from its sources; the number of ICs."""
    ids = list(Project.objects.values_list("pk", flat=True))
    refresh(ids)
    return len(ids)


# --- kept up to date by the writes to its inputs


def _child_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or not READS[sender].isdisjoint(update_fields):
        refresh([instance.project_id])  # a save of other fields (a position) changes nothing


def _child_deleted(sender, instance, **kwargs):
    refresh([instance.project_id], create=False)


def _project_saved(sender, instance, created, **kwargs):
    if created:
        refresh([instance.pk])


def _organisation_saved(sender, instance, created, **kwargs):
    if not created:  # its name is the référent's name on the ICs it pilots
        refresh(ProjectPilot.objects.filter(organisation=instance, is_referent=True)
                .values_list("project_id", flat=True))


# (model, field of the summary it feeds): the inputs, each refreshed on save and delete.
INPUTS = (
    (ProjectPilot, "referent_name"),
    (ProjectStructure, "structures_committed"),
    (ProjectStructure, "structures_targeted"),
    (BudgetTranche, "budget_amount"),
    (BudgetTranche, "budget_days"),
)


# The fields of each input the summary reads: a save limited to others needs no refresh.
READS = {
    ProjectPilot: {"project", "organisation", "is_referent"},
    ProjectStructure: {"project", "structure", "status"},
    BudgetTranche: {"project", "amount", "days"},
}


def connect() -> None:
    from directory.models import Organisation

    for model in {model for model, _field in INPUTS}:
        uid = f"cycle.summaries.{model.__name__}"
        post_save.connect(_child_saved, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_child_deleted, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(_project_saved, sender=Project, dispatch_uid="cycle.summaries.project")
    post_save.connect(
        _organisation_saved, sender=Organisation, dispatch_uid="cycle.summaries.organisation"
    )
