"""Read-side queries of the cycle: what a user may see, with what it needs prefetched.

Every list here costs a fixed number of queries whatever the number of ICs:
per-IC figures come from the IC's summary row (a one-to-one join), and the
filters that cross to-many relations select ids.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from ..models import (
    Project,
    ProjectPartner,
    ProjectPrestataire,
    ProjectStructure,
)
from ..rules import editable_q, visible_q
from ..states import OUT_OF_CYCLE, STAGES
from ..vocabulary import ParticipationStatus


def visible_projects(user) -> QuerySet[Project]:
    q = visible_q(user)
    projects = Project.objects.all()
    if q is not None:
        # The role filters join through to-many relations: select ids to stay distinct.
        projects = projects.filter(pk__in=Project.objects.filter(q).values("pk"))
    return projects


def editable_projects(user) -> QuerySet[Project]:
    q = editable_q(user)
    projects = Project.objects.all()
    if q is not None:
        projects = projects.filter(pk__in=Project.objects.filter(q).values("pk"))
    return projects


# --- the dashboard's columns: the four stages, then the ICs out of the cycle


@dataclass(frozen=True)
class BoardColumn:
    key: str
    label: str
    states: tuple[str, ...]
    in_cycle: bool


BOARD_COLUMNS: tuple[BoardColumn, ...] = (
    *(
        BoardColumn(d.stage.value, d.stage.label, tuple(p.value for p in d.phases), True)
        for d in STAGES
    ),
    *(
        BoardColumn(state.value, state.label, (state.value,), False)
        for state in OUT_OF_CYCLE
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in BOARD_COLUMNS}

MONEY = DecimalField(max_digits=14, decimal_places=2)
DAYS = DecimalField(max_digits=8, decimal_places=1)


def _summary(name: str, default=None):
    """A figure of the IC's summary row (cycle/summaries.py keeps it exact), by a join:
    one row per IC, no subquery per card. An IC without a row reads ``default``."""
    field = F(f"summary__{name}")
    return field if default is None else Coalesce(field, Value(default))


# What a card or a table row shows of an IC, read from its summary row.
DASHBOARD_FIGURES = {
    "referent_name": lambda: _summary("referent_name"),
    "structures_committed": lambda: _summary("structures_committed", 0),
    "structures_targeted": lambda: _summary("structures_targeted", 0),
    "budget_amount": lambda: Coalesce(F("summary__budget_amount"), Value(Decimal("0")),
                                      output_field=MONEY),
    "budget_days": lambda: Coalesce(F("summary__budget_days"), Value(Decimal("0")),
                                    output_field=DAYS),
}


def with_dashboard_figures(projects: QuerySet[Project], *names: str) -> QuerySet[Project]:
    """Annotate each IC with ``names`` of DASHBOARD_FIGURES (all of them by default).

    Building these expressions costs milliseconds of Python: lists annotate only the
    rows they show, or only the figure they sort on.
    """
    return projects.annotate(
        **{name: DASHBOARD_FIGURES[name]() for name in names or DASHBOARD_FIGURES}
    )


# What a card or a table row shows of the IC itself (not its long texts).
ROW_FIELDS = (
    "title", "state", "stage", "cycle_position", "suspended_from", "ic_type", "launched_on",
    "updated_at",
)


CARD_FIGURES = ("referent_name", "structures_committed", "budget_amount")


def dashboard_rows(ids: list[int], *figures: str) -> list[Project]:
    """The ICs ``ids`` with ``figures`` (all: a table row), in the order of ``ids``."""
    projects = Project.objects.filter(pk__in=ids).only(*ROW_FIELDS)
    rows = {project.pk: project for project in with_dashboard_figures(projects, *figures)}
    return [rows[pk] for pk in ids if pk in rows]


def export_projects(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The filtered dashboard rows plus what an export lists (pilots, sectors, firms)."""
    return projects.with_pilots().prefetch_related(
        "sectors",
        Prefetch(
            "assignments",
            queryset=ProjectPrestataire.objects.select_related("prestataire").order_by(
                "prestataire__name"
            ),
        ),
    )


# --- key figures of a filtered set


def _ratio(amount: Decimal, divisor) -> Decimal | None:
    if not divisor:
        return None
    return (Decimal(amount) / Decimal(divisor)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class KeyFigures:
    per_column: list[tuple[BoardColumn, int]]
    ic_count: int
    structures_reached: int
    budget_amount: Decimal
    budget_days: Decimal
    cost_per_structure: Decimal | None = field(init=False)
    cost_per_day: Decimal | None = field(init=False)

    def __post_init__(self):
        self.cost_per_structure = _ratio(self.budget_amount, self.structures_reached)
        self.cost_per_day = _ratio(self.budget_amount, self.budget_days)

    def count_of(self, key: str) -> int:
        return next((count for column, count in self.per_column if column.key == key), 0)


def key_figures(projects: QuerySet[Project]) -> KeyFigures:
    """ICs per column, structures reached (distinct, committed), budget and days: one query.

    Budget and days add up the ICs' summary rows; a structure may take part in several
    ICs, so the structures are counted distinct from the participations (an uncorrelated
    subquery, computed once)."""
    ids = projects.order_by().values("pk")
    reached = (
        ProjectStructure.objects.filter(project__in=ids, status=ParticipationStatus.COMMITTED)
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(count=Count("structure", distinct=True))
        .values("count")
    )
    totals = Project.objects.filter(pk__in=ids).aggregate(
        **{f"column_{c.key}": Count("pk", filter=Q(stage=c.key)) for c in BOARD_COLUMNS},
        structures=Max(Subquery(reached, output_field=IntegerField())),
        amount=Sum("summary__budget_amount", default=Decimal("0")),
        days=Sum("summary__budget_days", default=Decimal("0")),
    )
    per_column = [(column, totals[f"column_{column.key}"]) for column in BOARD_COLUMNS]
    return KeyFigures(
        per_column=per_column,
        ic_count=sum(count for _column, count in per_column),
        structures_reached=totals["structures"] or 0,
        budget_amount=totals["amount"],
        budget_days=totals["days"],
    )


# --- the board: the first cards of each column


@dataclass
class BoardColumnCards:
    column: BoardColumn
    count: int
    cards: list[Project]

    @property
    def hidden(self) -> int:
        return self.count - len(self.cards)


def board(
    projects: QuerySet[Project], figures: KeyFigures, *, cap: int, out_cap: int | None = None
) -> list[BoardColumnCards]:
    """Up to ``cap`` cards per stage column, ``out_cap`` per out-of-cycle one; two queries.

    The plain rows are ranked first, so only the cards shown get their figures.
    Cards come in cycle order, then latest change first.
    """
    out_cap = cap if out_cap is None else min(out_cap, cap)
    order = ["cycle_position", "-updated_at", "-pk"]
    ranked = (
        projects.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("stage")],
                order_by=[F("cycle_position"), F("updated_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=cap)  # a constant lets PostgreSQL stop each partition early
        .order_by(*order)
    )
    cards: dict[str, list[Project]] = {column.key: [] for column in BOARD_COLUMNS}
    for project in dashboard_rows(list(ranked.values_list("pk", flat=True)), *CARD_FIGURES):
        cards[project.stage].append(project)
    return [
        BoardColumnCards(column, count, cards[column.key][: cap if column.in_cycle else out_cap])
        for column, count in figures.per_column
    ]


# --- the directory's pages: the ICs an organisation took part in, if visible
# (registered into directory.hooks by cycle/apps.py)


def visible_ic_count(user, through, field: str):
    """Subquery: how many distinct visible ICs the outer row takes part in."""
    rows = (
        through.objects.filter(
            **{field: OuterRef("pk")}, project__in=visible_projects(user).values("pk")
        )
        .order_by()
        .values(field)
        .annotate(count=Count("project", distinct=True))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def structure_participations(user, structure) -> QuerySet[ProjectStructure]:
    return (
        ProjectStructure.objects.filter(
            structure=structure, project__in=visible_projects(user).values("pk")
        )
        .select_related("project")
        .order_by("-project__launched_on", "project__title")
    )


def partner_partnerships(user, partner) -> QuerySet[ProjectPartner]:
    return (
        ProjectPartner.objects.filter(
            partner=partner, project__in=visible_projects(user).values("pk")
        )
        .select_related("project")
        .order_by("-project__launched_on", "project__title", "role")
    )


def prestataire_assignments(user, prestataire) -> QuerySet[ProjectPrestataire]:
    return (
        ProjectPrestataire.objects.filter(
            prestataire=prestataire, project__in=visible_projects(user).values("pk")
        )
        .select_related("project")
        .prefetch_related("intervenants")
        .order_by("-project__launched_on", "project__title")
    )

