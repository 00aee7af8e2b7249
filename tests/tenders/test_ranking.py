"""The ranking arithmetic: weighted totals out of 100, means over scorers, ties explained."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tenders.ranking import Standing, Weighted, grid_total, rank

CRITERIA = [
    Weighted(1, "Qualité des contenus", 30),
    Weighted(2, "Engagement demandé", 15),
    Weighted(3, "Animation", 20),
    Weighted(4, "Enquête préalable", 15),
    Weighted(5, "Prix", 20),
]


def grid(*values):
    return dict(zip([c.pk for c in CRITERIA], values, strict=True))


def test_grid_total_is_weighted_out_of_100():
    assert grid_total(CRITERIA, grid(5, 5, 5, 5, 5)) == Decimal("100.00")
    assert grid_total(CRITERIA, grid(0, 0, 0, 0, 0)) == Decimal("0.00")
    # (30×4 + 15×3 + 20×5 + 15×2 + 20×4) / 5 = 375 / 5
    assert grid_total(CRITERIA, grid(4, 3, 5, 2, 4)) == Decimal("75.00")


def test_offer_total_is_the_mean_of_its_grids_and_best_comes_first():
    a = Standing("A", [grid(4, 3, 5, 2, 4), grid(3, 3, 3, 3, 3)])  # 75 and 60 → 67.50
    b = Standing("B", [grid(5, 5, 5, 5, 5)])
    c = Standing("C", [])
    ranked = rank(CRITERIA, [a, c, b])
    assert [(s.key, s.rank, s.total) for s in ranked] == [
        ("B", 1, Decimal("100.00")), ("A", 2, Decimal("67.50")), ("C", None, None),
    ]
    assert a.means[1] == Decimal("3.50")


def test_a_tie_is_broken_by_the_heaviest_criterion_and_said_so():
    # Both 60/100; A is better on quality (30 %), the heaviest criterion.
    a = Standing("Cabinet A", [grid(4, 2, 3, 2, 3)])  # (120+30+60+30+60)/5 = 60
    b = Standing("Cabinet B", [grid(3, 3, 3, 3, 3)])  # 300/5 = 60
    ranked = rank(CRITERIA, [b, a])
    assert a.total == b.total == Decimal("60.00")
    assert [s.key for s in ranked] == ["Cabinet A", "Cabinet B"]
    assert [s.rank for s in ranked] == [1, 2]
    # Each note speaks to its own offer and names no one (issue 11: a letter named a rival,
    # and the other firm's letter said it was tied with itself).
    assert b.tie_note == (
        "Égalité à 60,00 / 100 avec une autre offre, départagée par le critère "
        "« Qualité des contenus » : moyenne 3,00 contre 4,00."
    )
    assert a.tie_note == (
        "Égalité à 60,00 / 100 avec une autre offre, départagée en faveur de celle-ci par le "
        "critère « Qualité des contenus » : moyenne 4,00 contre 3,00."
    )
    assert "Cabinet" not in a.tie_note + b.tie_note


def test_a_tie_on_every_criterion_stands():
    a = Standing("Cabinet A", [grid(3, 3, 3, 3, 3)])
    b = Standing("Cabinet B", [grid(3, 3, 3, 3, 3)])
    ranked = rank(CRITERIA, [a, b])
    assert [s.rank for s in ranked] == [1, 1]
    assert "aucun critère ne les départage" in b.tie_note
    assert a.tie_note == b.tie_note
    assert "Cabinet" not in a.tie_note


def test_a_three_way_tie_notes_every_offer_without_naming_any():
    standings = [Standing(f"Cabinet {n}", [grid(3, 3, 3, 3, 3)]) for n in "ABC"]
    rank(CRITERIA, standings)
    assert all(s.tie_note and "Cabinet" not in s.tie_note for s in standings)
    assert [s.rank for s in standings] == [1, 1, 1]


SCORES = st.lists(st.integers(0, 5), min_size=5, max_size=5)


@given(st.lists(st.lists(SCORES, min_size=1, max_size=3), min_size=1, max_size=5))
def test_totals_stay_within_0_and_100_and_ranking_is_ordered(offers):
    standings = [Standing(i, [grid(*g) for g in grids]) for i, grids in enumerate(offers)]
    ranked = rank(CRITERIA, standings)
    totals = [s.total for s in ranked]
    assert all(Decimal(0) <= t <= Decimal(100) for t in totals)
    assert totals == sorted(totals, reverse=True)
    assert [s.rank for s in ranked] == sorted(s.rank for s in ranked)
