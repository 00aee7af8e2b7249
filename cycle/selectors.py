"""Read-side queries of the cycle: what a user may see, with what it needs prefetched.

Every list here costs a fixed number of queries whatever the number of ICs:
per-IC figures are correlated subqueries (never joins that would multiply
rows), and the filters that cross to-many relations select ids.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from .models import (
    BudgetTranche,
    Project,
    ProjectPartner,
    ProjectPilot,
    ProjectPrestataire,
    ProjectStructure,
)
from .rules import editable_q, visible_q
from .states import PHASES, STAGES, State
from .vocabulary import ParticipationStatus


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
        for state in (State.CLOSED, State.SUSPENDED, State.ABANDONED)
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in BOARD_COLUMNS}
# Every state in cycle order, out-of-cycle states last: the table's "stage" sort.
STATE_ORDER: tuple[str, ...] = (
    *(p.value for p in PHASES),
    *(state for column in BOARD_COLUMNS if not column.in_cycle for state in column.states),
)

MONEY = DecimalField(max_digits=14, decimal_places=2)
DAYS = DecimalField(max_digits=8, decimal_places=1)


def stage_expression() -> Case:
    return Case(
        *(When(state__in=column.states, then=Value(column.key)) for column in BOARD_COLUMNS),
        default=Value(""),
        output_field=CharField(),
    )


def cycle_position_expression() -> Case:
    return Case(
        *(When(state=state, then=Value(index)) for index, state in enumerate(STATE_ORDER)),
        default=Value(len(STATE_ORDER)),
        output_field=IntegerField(),
    )


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


def with_dashboard_figures(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate each IC with what a card or a table row shows, in the same query."""
    committed = ProjectStructure.objects.filter(status=ParticipationStatus.COMMITTED)
    targeted = ProjectStructure.objects.exclude(status=ParticipationStatus.WITHDREW)
    referent = ProjectPilot.objects.filter(project=OuterRef("pk"), is_referent=True)
    return projects.annotate(
        stage_key=stage_expression(),
        cycle_position=cycle_position_expression(),
        referent_name=Subquery(referent.values("organisation__name")[:1]),
        structures_committed=Coalesce(
            _per_project(committed, Count("structure", distinct=True), IntegerField()),
            Value(0),
        ),
        structures_targeted=Coalesce(
            _per_project(targeted, Count("structure", distinct=True), IntegerField()),
            Value(0),
        ),
        budget_amount=Coalesce(
            _per_project(BudgetTranche.objects.all(), Sum("amount"), MONEY),
            Value(Decimal("0")),
            output_field=MONEY,
        ),
        budget_days=Coalesce(
            _per_project(BudgetTranche.objects.all(), Sum("days"), DAYS),
            Value(Decimal("0")),
            output_field=DAYS,
        ),
    )


def dashboard_projects(user) -> QuerySet[Project]:
    """The ICs the user may see, annotated for the dashboard, its table and its exports."""
    return with_dashboard_figures(visible_projects(user))


def export_projects(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The filtered dashboard rows plus what an export lists (pilots, sectors, firms)."""
    return projects.prefetch_related(
        Prefetch(
            "pilotages",
            queryset=ProjectPilot.objects.select_related("organisation").order_by(
                "-is_referent", "organisation__name"
            ),
        ),
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
    """ICs per column, structures reached (distinct, committed), budget and days. 3 queries."""
    ids = projects.order_by().values("pk")
    counts = Project.objects.filter(pk__in=ids).aggregate(
        total=Count("pk"),
        **{
            f"column_{column.key}": Count("pk", filter=Q(state__in=column.states))
            for column in BOARD_COLUMNS
        },
    )
    structures = ProjectStructure.objects.filter(
        project__in=ids, status=ParticipationStatus.COMMITTED
    ).aggregate(count=Count("structure", distinct=True))
    budget = BudgetTranche.objects.filter(project__in=ids).aggregate(
        amount=Sum("amount"), days=Sum("days")
    )
    return KeyFigures(
        per_column=[(column, counts[f"column_{column.key}"]) for column in BOARD_COLUMNS],
        ic_count=counts["total"],
        structures_reached=structures["count"],
        budget_amount=budget["amount"] or Decimal("0"),
        budget_days=budget["days"] or Decimal("0"),
    )


# --- the board: the first cards of each column, in one query


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
    """Up to ``cap`` cards per stage column, ``out_cap`` per out-of-cycle one; one query.

    Cards come in cycle order, then latest change first.
    """
    out_cap = cap if out_cap is None else min(out_cap, cap)
    ranked = projects.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[stage_expression()],
            order_by=[cycle_position_expression().asc(), F("updated_at").desc(), F("pk").desc()],
        )
    ).filter(rank__lte=cap).order_by("cycle_position", "-updated_at", "-pk")
    cards: dict[str, list[Project]] = {column.key: [] for column in BOARD_COLUMNS}
    for project in ranked:
        cards.setdefault(project.stage_key, []).append(project)
    return [
        BoardColumnCards(column, count, cards[column.key][: cap if column.in_cycle else out_cap])
        for column, count in figures.per_column
    ]


# --- the directory's detail pages: the ICs an organisation took part in, if visible


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

