"""Weighted totals and ranking of offers: pure arithmetic, no database.

A grid gives each criterion an integer 0–5; its total is Σ weight × score / 5,
out of 100 since the weights total 100. An offer's total is the mean of its
complete grids. Equal totals are broken by the mean score on the heaviest
criterion, then the next heaviest…; when every criterion is equal too, the
tie stands and the reasoned choice settles it.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .vocabulary import SCORE_MAX

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Weighted:
    pk: int
    label: str
    weight: int


@dataclass
class Standing:
    key: object  # the offer (or any label) being ranked
    grids: list[dict[int, int]]  # criterion pk → score, complete grids only
    total: Decimal | None = None
    means: dict[int, Decimal] = field(default_factory=dict)
    rank: int | None = None
    tie_note: str = ""


def grid_total(criteria: list[Weighted], grid: dict[int, int]) -> Decimal:
    points = sum(Decimal(c.weight) * grid[c.pk] for c in criteria) / SCORE_MAX
    return points.quantize(CENT, ROUND_HALF_UP)


def _mean(values) -> Decimal:
    values = list(values)
    return (sum(Decimal(v) for v in values) / len(values)).quantize(CENT, ROUND_HALF_UP)


def tie_break_order(criteria: list[Weighted]) -> list[Weighted]:
    """Heaviest first; equal weights keep the cahier des charges' order."""
    return sorted(criteria, key=lambda c: -c.weight)


def _deciding(order, first: Standing, second: Standing) -> Weighted | None:
    for criterion in order:
        if first.means[criterion.pk] != second.means[criterion.pk]:
            return criterion
    return None


def rank(criteria: list[Weighted], standings: list[Standing]) -> list[Standing]:
    """Fill total, means, rank and tie_note; scored offers first, best first."""
    order = tie_break_order(criteria)
    scored = [s for s in standings if s.grids]
    for standing in scored:
        standing.total = _mean(grid_total(criteria, g) for g in standing.grids)
        standing.means = {c.pk: _mean(g[c.pk] for g in standing.grids) for c in criteria}
    scored.sort(key=lambda s: (-s.total, *(-s.means[c.pk] for c in order)))
    for index, standing in enumerate(scored):
        standing.rank = index + 1
        if index and scored[index - 1].total == standing.total:
            previous = scored[index - 1]
            deciding = _deciding(order, previous, standing)
            if deciding is None:
                standing.rank = previous.rank
                note = _("Égalité avec « %(other)s » (%(total)s / 100) : aucun critère ne les "
                         "départage ; le choix motivé tranchera.")
                values = {"other": previous.key, "total": number_format(standing.total, 2)}
            else:
                note = _("Égalité avec « %(other)s » (%(total)s / 100), départagée par le "
                         "critère « %(criterion)s » : moyenne %(winner)s contre %(loser)s.")
                values = {
                    "other": previous.key, "total": number_format(standing.total, 2),
                    "criterion": deciding.label,
                    "winner": number_format(previous.means[deciding.pk], 2),
                    "loser": number_format(standing.means[deciding.pk], 2),
                }
            standing.tie_note = note % values
            previous.tie_note = previous.tie_note or standing.tie_note
    unscored = [s for s in standings if not s.grids]
    return scored + unscored
