"""Each figure on the hand-built data set (tests/stats/dataset.py), whose answers are known."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from cycle.models import Project
from cycle.states import State
from cycle.vocabulary import ICType, TerritorialScale
from grille.vocabulary import THEMES_BY_CODE, Axis
from stats.figures import FIGURES_BY_KEY
from tests.stats.dataset import at

pytestmark = pytest.mark.django_db

NOT_GIVEN = "Non renseigné"


def rows(key, *projects):
    ids = Project.objects.filter(pk__in=[p.pk for p in projects]).values("pk")
    return [
        tuple(str(v) if hasattr(v, "_proxy____cast") else v for v in row)
        for row in FIGURES_BY_KEY[key].rows(ids)
    ]


def region(known):
    return known["A"], known["B"], known["C"]


def this_year():
    return timezone.localdate().year


def test_per_year(known):
    expected = [(2024, 1, 1, 0), (2025, 2, 1, 1)]
    expected += [(year, 0, 1, 0) for year in range(2026, this_year() + 1)]
    assert rows("annees", *region(known)) == expected


def test_time_in_each_sub_phase_and_where_ics_stand(known):
    waited = (timezone.now() - at("2024-03-31")).total_seconds() / 86400
    result = rows("sous-phases", *region(known))
    assert result[:2] == [
        # A 10, B 30, C 5 + 5 + 10 (its stays between two suspensions): median 10, p90 22
        (str(State.PROBLEMATIQUE.label), 5, D("10.0"), D("22.0"), 0, None),
        (str(State.CIBLAGE.label), 2, D("80.5"), D("128.9"), 0, None),
    ]
    label, done, median, p90, waiting, since = result[2]
    assert (label, done, median, p90, waiting) == (str(State.ROLE_DLA.label), 0, None, None, 1)
    assert abs(float(since) - waited) < 0.1
    # C's two suspensions, ten days each
    assert result[3] == (str(State.SUSPENDED.label), 2, D("10.0"), D("10.0"), 0, None)
    assert len(result) == 4


def test_by_type_with_costs(known):
    assert rows("types", *region(known)) == [
        (
            str(ICType.COLLECTIVE_RESPONSE.label),
            2,
            D("12000"),
            D("12"),
            2,
            D("6000.00"),
            D("1000.00"),
        ),
        (str(ICType.SHARED_SOLUTION.label), 1, D("6000"), D("4"), 2, D("3000.00"), D("1500.00")),
    ]


def test_by_axis_counts_an_ic_once_per_axis(known):
    assert rows("axes", *region(known)) == [
        (str(Axis.STRATEGY.label), 2, D("18000")),
        (str(Axis.FINANCE.label), 1, D("12000")),
    ]


def test_by_theme_lists_the_controlled_themes(known):
    market, strategy = THEMES_BY_CODE["connaitre-marche"], THEMES_BY_CODE["projet-strategie"]
    assert rows("themes", *region(known)) == [
        (str(Axis.STRATEGY.label), str(market.label), 2, D("18000")),
        (str(Axis.STRATEGY.label), str(strategy.label), 1, D("12000")),
    ]


def test_by_sector(known):
    assert rows("secteurs", *region(known)) == [
        ("Environnement", 2, D("18000"), D("16")),
        ("Insertion par l'activité économique", 1, D("6000"), D("4")),
        (NOT_GIVEN, 1, D("0"), D("0")),
    ]


def test_by_scale(known):
    assert rows("echelles", *region(known)) == [
        (str(TerritorialScale.DEPARTEMENTAL.label), 1, D("12000"), D("12")),
        (str(TerritorialScale.REGIONAL.label), 1, D("6000"), D("4")),
        (NOT_GIVEN, 1, D("0"), D("0")),
    ]


def test_structures_reached_are_counted_once(known):
    # S2 is in A and B; S4 is only contacted in B (and D is another region's).
    assert rows("structures", *region(known)) == [
        (3, 3, D("18000"), D("16"), D("6000.00"), D("1125.00"))
    ]


def test_calls_for_tender(known):
    assert rows("appels-d-offres", *region(known)) == [(3, 1, D("33.33"), D("2.00"))]


def test_reasons_count_each_suspension(known):
    assert rows("motifs", *region(known)) == [
        (str(State.ABANDONED.label), "Plus de porteur", 1),
        (str(State.SUSPENDED.label), "Financement en attente", 2),
    ]


def test_one_ic(known):
    d = known["D"]
    assert rows("annees", d) == [(2024, 1, 0, 0)]
    assert rows("sous-phases", d) == [
        (str(State.PROBLEMATIQUE.label), 1, D("1.0"), D("1.0"), 0, None)
    ]
    assert rows("types", d) == [
        (
            str(ICType.COLLECTIVE_RESPONSE.label),
            1,
            D("99999"),
            D("9"),
            1,
            D("99999.00"),
            D("11111.00"),
        )
    ]
    assert rows("structures", d) == [(1, 1, D("99999"), D("9"), D("99999.00"), D("11111.00"))]
    assert rows("appels-d-offres", d) == [(1, 0, D("0.00"), None)]
    assert rows("motifs", d) == [(str(State.ABANDONED.label), "Autre", 1)]


@pytest.mark.parametrize(
    "key", ["annees", "sous-phases", "types", "axes", "themes", "secteurs", "echelles", "motifs"]
)
def test_empty(key, db):
    assert rows(key) == []


def test_empty_totals(db):
    assert rows("structures") == [(0, 0, D("0"), D("0"), None, None)]
    assert rows("appels-d-offres") == [(0, 0, None, None)]


def test_an_ic_without_launch_date_starts_when_created(project):
    assert project.launched_on is None
    assert rows("annees", project)[0][:2] == (project.created_at.year, 1)
