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


def _add_note(standing: Standing, note: str) -> None:
    standing.tie_note = f"{standing.tie_note} {note}".strip()


def _note_tie(order, ahead: Standing, behind: Standing) -> None:
    """Each offer's own note: it names no other offer (a letter reaches only its addressee)."""
    total = number_format(behind.total, 2)
    deciding = _deciding(order, ahead, behind)
    if deciding is None:
        behind.rank = ahead.rank
        note = _("Égalité à %(total)s / 100 avec une autre offre : aucun critère ne les "
                 "départage ; le choix motivé tranche.") % {"total": total}
        _add_note(ahead, note)
        _add_note(behind, note)
        return
    values = {
        "total": total, "criterion": deciding.label,
        "ahead": number_format(ahead.means[deciding.pk], 2),
        "behind": number_format(behind.means[deciding.pk], 2),
    }
    _add_note(ahead, _("Égalité à %(total)s / 100 avec une autre offre, départagée en faveur "
                       "de celle-ci par le critère « %(criterion)s » : moyenne %(ahead)s "
                       "contre %(behind)s.") % values)
    _add_note(behind, _("Égalité à %(total)s / 100 avec une autre offre, départagée par le "
                        "critère « %(criterion)s » : moyenne %(behind)s contre %(ahead)s.")
              % values)


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
            _note_tie(order, scored[index - 1], standing)
    unscored = [s for s in standings if not s.grids]
    return scored + unscored
