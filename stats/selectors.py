"""The statistics' computations over a set of ICs (``ids``: a queryset of their pks).

Each one costs a fixed number of queries whatever the number of ICs: the database
groups and sums; Python only shapes the grouped rows, and computes the median and
9th decile of the sub-phases' durations from the durations the database returns
(the same code on SQLite and PostgreSQL).
"""

from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Sum, Window
from django.db.models.functions import ExtractYear, Lead
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cycle.models import BudgetTranche, Project, ProjectStructure
from cycle.states import PHASES, State
from cycle.vocabulary import ParticipationStatus
from grille.models import GrilleTheme
from grille.vocabulary import THEMES_BY_CODE, Axis
from tenders.models import CallForTender, Offer
from tenders.vocabulary import CallState
from workflows.models import TransitionLog

from .filters import start_year

ENDED = (State.CLOSED, State.ABANDONED)
DAY = 86400
CENT = Decimal("0.01")


def ratio(amount, divisor) -> Decimal | None:
    if not divisor:
        return None
    return (Decimal(amount) / Decimal(divisor)).quantize(CENT, ROUND_HALF_UP)


def _logs(ids):
    return TransitionLog.objects.filter(project__in=ids).order_by()


# --- ICs per year


def _per_year_of_end(ids, targets) -> dict:
    """ICs that reached one of ``targets`` (an end: reached once), per year."""
    return dict(
        _logs(ids)
        .filter(target__in=targets)
        .values_list(ExtractYear("at"))
        .annotate(count=Count("object_id", distinct=True))
    )


def per_year(ids) -> list[tuple]:
    """(year, started, still running at the year's end, closed during the year), oldest
    first: running = started so far − closed or abandoned so far."""
    started = dict(
        Project.objects.filter(pk__in=ids)
        .order_by()
        .values_list(start_year())
        .annotate(Count("pk"))
    )
    ended, closed = _per_year_of_end(ids, ENDED), _per_year_of_end(ids, [State.CLOSED])
    years = set(started) | set(ended)
    if not years:
        return []
    if sum(started.values()) > sum(ended.values()):  # some still run this year
        years.add(timezone.localdate().year)
    rows, so_far = [], 0
    for year in range(min(years), max(years) + 1):
        so_far += started.get(year, 0) - ended.get(year, 0)
        rows.append((year, started.get(year, 0), max(so_far, 0), closed.get(year, 0)))
    return rows


# --- time in each sub-phase, and where ICs stand still


def _percentile(values: list[float], fraction: float) -> Decimal | None:
    """Linear interpolation between closest ranks, as PostgreSQL's percentile_cont."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return _tenth(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


TIMED = (*PHASES, State.SUSPENDED)  # the states whose stays are timed


def _stays(ids):
    """Each IC's stays in a state: (state, days, still there), from the transition log."""
    rows = _logs(ids).order_by("object_id", "at", "pk").values_list("object_id", "target", "at")
    now = timezone.now()
    previous = None
    for object_id, target, at in rows.iterator(chunk_size=5000):
        if previous and previous[0] == object_id:
            yield previous[1], (at - previous[2]).total_seconds() / DAY, False
        elif previous:
            yield previous[1], (now - previous[2]).total_seconds() / DAY, True
        previous = (object_id, target, at)
    if previous:
        yield previous[1], (now - previous[2]).total_seconds() / DAY, True


def _summary_in_python(ids) -> dict:
    """{(state, still there): (stays, median, 9th decile)}, from every log row (SQLite)."""
    days = defaultdict(list)
    for state, length, current in _stays(ids):
        if state in TIMED:
            days[(state, current)].append(length)
    return {
        key: (len(values), _percentile(values, 0.5), _percentile(values, 0.9))
        for key, values in days.items()
    }


# Grouping 190,000 stays by sorting them spills to disk: each group's durations are
# gathered by hashing into an array instead, and only that array is sorted, once for both
# percentiles (percentile_cont interpolates as _percentile does).
SUMMARY_SQL = """
SELECT target, current, cardinality(days),
       (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY day) FROM unnest(days) day)
FROM (SELECT target, until IS NULL AS current,
             array_agg(EXTRACT(EPOCH FROM COALESCE(until, now()) - at)::float8 / 86400) AS days
      FROM ({logs}) AS logs
      WHERE target = ANY(%s)
      GROUP BY target, until IS NULL) AS stays
"""


def _summary_in_postgres(ids) -> dict:
    """The same, grouped by PostgreSQL (percentile_cont over the stays LEAD() draws)."""
    logs = (
        _logs(ids)
        .annotate(until=Window(Lead("at"), partition_by=[F("object_id")], order_by=[F("at")]))
        .values("target", "at", "until")
    )
    try:
        sql, params = logs.query.sql_with_params()
    except EmptyResultSet:  # no IC chosen (a refused filter)
        return {}
    with connection.cursor() as cursor:
        cursor.execute(SUMMARY_SQL.format(logs=sql), (*params, [str(s) for s in TIMED]))
        return {
            (state, current): (count, _tenth(median), _tenth(decile))
            for state, current, count, (median, decile) in cursor.fetchall()
        }


def _tenth(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP)


def phase_durations(ids) -> list[tuple]:
    """Per sub-phase: (phase, stays ended, median, 9th decile of their days, ICs there now,
    median of their days there so far). A suspended IC's stay in « Suspendue » is not
    counted in its sub-phase. PostgreSQL computes them; elsewhere, Python does."""
    summary = (_summary_in_postgres if connection.vendor == "postgresql" else _summary_in_python)(
        ids
    )
    rows = []
    for state in TIMED:
        done, median, decile = summary.get((state, False), (0, None, None))
        waiting, since, _decile = summary.get((state, True), (0, None, None))
        if done or waiting:
            rows.append((State(state).label, done, median, decile, waiting, since))
    return rows


# --- counts and budget by a dimension of the IC


def _budget_by(ids, path: str) -> dict:
    return {
        key: (amount, days)
        for key, amount, days in BudgetTranche.objects.filter(project__in=ids)
        .order_by()
        .values_list(f"project__{path}")
        .annotate(Sum("amount"), Sum("days"))
    }


def _count_by(ids, path: str) -> dict:
    return dict(
        Project.objects.filter(pk__in=ids)
        .order_by()
        .values_list(path)
        .annotate(Count("pk", distinct=True))
    )


def _structures_by(ids, path: str) -> dict:
    return dict(
        ProjectStructure.objects.filter(project__in=ids, status=ParticipationStatus.COMMITTED)
        .order_by()
        .values_list(f"project__{path}")
        .annotate(Count("structure", distinct=True))
    )


ZERO = (Decimal("0"), Decimal("0"))
NOT_GIVEN = "-"


def _grouped(ids, path: str, choices):
    """(key, label, ICs, budget, days) per value of ``path`` (single-valued, or a to-many
    relation whose values an IC holds once each), in the order of ``choices``; an IC
    without a value is under « Non renseigné »."""
    counts, budgets = _count_by(ids, path), _budget_by(ids, path)
    for blank in ("", None):  # a blank field, or no row of the relation
        if blank in counts:
            counts[NOT_GIVEN] = counts.get(NOT_GIVEN, 0) + counts.pop(blank)
            amount, days = budgets.pop(blank, ZERO)
            given = budgets.get(NOT_GIVEN, ZERO)
            budgets[NOT_GIVEN] = (given[0] + (amount or 0), given[1] + (days or 0))
    for key, label in (*choices, (NOT_GIVEN, _("Non renseigné"))):
        if counts.get(key):
            yield (key, label, counts[key], *budgets.get(key, ZERO))


def by_dimension(ids, path: str, choices) -> list[tuple]:
    """(label, ICs, budget, days) per value of ``path``."""
    return [row[1:] for row in _grouped(ids, path, choices)]


def by_type(ids, choices) -> list[tuple]:
    """(type, ICs, budget, days, structures reached, cost per structure, cost per day)."""
    structures = _structures_by(ids, "ic_type")
    rows = []
    for key, label, count, amount, days in _grouped(ids, "ic_type", choices):
        reached = structures.get(key, 0) if key != NOT_GIVEN else structures.get("", 0)
        rows.append(
            (label, count, amount, days, reached, ratio(amount, reached), ratio(amount, days))
        )
    return rows


def by_axis(ids) -> list[tuple]:
    """(axis, ICs, budget): an IC with several themes of an axis is counted once in it."""
    rows = []
    for axis in Axis:
        in_axis = Project.objects.filter(pk__in=ids, grille__themes__axis=axis).values("pk")
        count = Project.objects.filter(pk__in=in_axis).count()
        if count:
            budget = BudgetTranche.objects.filter(project__in=in_axis).totals()
            rows.append((axis.label, count, budget["amount"]))
    return rows


def by_theme(ids) -> list[tuple]:
    """(axis, theme, ICs, budget) of the grilles' listed themes (free ones are not
    comparable across ICs), most frequent first."""
    themes = GrilleTheme.objects.filter(grille__project__in=ids).exclude(code="").order_by()
    counts = dict(themes.values_list("code").annotate(Count("grille", distinct=True)))
    # A listed theme is once in a grille (a constraint): no tranche is summed twice.
    budgets = dict(
        BudgetTranche.objects.filter(project__in=ids)
        .order_by()
        .values_list("project__grille__themes__code")
        .annotate(Sum("amount"))
    )
    rows = [
        (
            THEMES_BY_CODE[code].axis.label,
            THEMES_BY_CODE[code].label,
            count,
            budgets.get(code, Decimal("0")),
        )
        for code, count in counts.items()
        if code in THEMES_BY_CODE
    ]
    return sorted(rows, key=lambda row: (-row[2], str(row[1])))


# --- reach, calls for tender, reasons


def reach(ids) -> list[tuple]:
    """One row: ICs, structures reached (committed, each counted once), budget, days,
    cost per structure, cost per day."""
    count = Project.objects.filter(pk__in=ids).count()
    structures = ProjectStructure.objects.filter(
        project__in=ids, status=ParticipationStatus.COMMITTED
    ).aggregate(n=Count("structure", distinct=True))["n"]
    budget = BudgetTranche.objects.filter(project__in=ids).totals()
    return [
        (
            count,
            structures,
            budget["amount"],
            budget["days"],
            ratio(budget["amount"], structures),
            ratio(budget["amount"], budget["days"]),
        )
    ]


def tenders(ids) -> list[tuple]:
    """One row: ICs, ICs with a call for tender (not cancelled), their share (%), offers
    submitted per call."""
    count = Project.objects.filter(pk__in=ids).count()
    calls = CallForTender.objects.filter(project__in=ids).exclude(state=CallState.CANCELLED)
    with_call = calls.count()
    offers = Offer.objects.filter(invitation__call__in=calls, current__isnull=False).count()
    share = ratio(100 * with_call, count)
    return [(count, with_call, share, ratio(offers, with_call))]


def reasons(ids) -> list[tuple]:
    """(« Abandon » or « Suspension », reason, times given), most given first. An IC
    suspended twice counts its two suspensions."""
    kinds = {State.ABANDONED: State.ABANDONED.label, State.SUSPENDED: State.SUSPENDED.label}
    grouped = Counter()
    for target, comment, count in (
        _logs(ids).filter(target__in=kinds).values_list("target", "comment").annotate(Count("pk"))
    ):
        grouped[(target, " ".join(comment.split()))] += count
    rows = [(kinds[target], comment, count) for (target, comment), count in grouped.items()]
    return sorted(rows, key=lambda row: (str(row[0]), -row[2], row[1]))
