"""The change between N and N+2: computed only from years answered, a missing year said."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from followup import indicators, selectors, services
from followup.models import Questionnaire
from followup.vocabulary import Channel, Year

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 18)


class Q:
    """A questionnaire as the indicators read it (no database)."""

    def __init__(self, year, answers=None, due_on=DAY):
        self.year, self.due_on, self.answers = year, due_on, answers or {}
        self.answered = answers is not None


def _change(changes, code):
    return next(c for c in changes if c.code == code)


def test_n_and_n2_answered_give_the_change():
    changes = indicators.structure_changes(
        [Q(0, {"jobs_fte": "3.5", "annual_budget": "100000", "own_funds": "-2000"}),
         Q(2, {"jobs_fte": "5", "annual_budget": "90000", "own_funds": "1000"})], DAY,
    )
    assert _change(changes, "jobs_fte").delta == Decimal("1.5")
    assert _change(changes, "annual_budget").delta == Decimal("-10000")
    assert _change(changes, "own_funds").delta == Decimal("3000")
    assert _change(changes, "jobs_fte").delta_text == "+1,5 ETP"


def test_n1_missing_and_n2_not_yet_due_invents_nothing():
    changes = indicators.structure_changes(
        [Q(0, {"jobs_fte": "3"}), Q(1, None, DAY - timedelta(days=40)),
         Q(2, None, DAY + timedelta(days=300))], DAY,
    )
    jobs = _change(changes, "jobs_fte")
    assert jobs.delta is None
    assert jobs.values[Year.N1] is None and jobs.values[Year.N2] is None
    assert jobs.delta_text == "N+2 pas encore répondu"
    assert jobs.cells == ["3 ETP", "en attente de réponse", "pas encore dû"]


def test_a_question_left_blank_is_unknown_not_zero():
    changes = indicators.structure_changes([Q(0, {"jobs_fte": "2"}), Q(2, {"comment": "x"})], DAY)
    jobs = _change(changes, "jobs_fte")
    assert jobs.delta is None
    assert jobs.delta_text == "N+2 non renseigné : évolution inconnue"
    assert _change(changes, "annual_budget").delta_text == "N non renseigné : évolution inconnue"


def test_the_ic_total_counts_only_structures_with_both_years():
    both = indicators.structure_changes(
        [Q(0, {"jobs_fte": "2"}), Q(2, {"jobs_fte": "4"})], DAY
    )
    only_n = indicators.structure_changes([Q(0, {"jobs_fte": "10"})], DAY)
    totals = indicators.project_totals([("A", both), ("B", only_n)])
    _label, jobs, count = totals[0]
    assert (jobs.values[Year.N], jobs.values[Year.N2], jobs.delta, count) == (2, 4, 2, 1)
    assert totals[1][2] == 0 and totals[1][1].delta is None  # the budget: nobody answered


def _answer(participation, year, **answers):
    q = Questionnaire.objects.get(participation=participation, year=year)
    services.answer(questionnaire=q, by=None, answers=answers, channel=Channel.PHONE)


@pytest.fixture
def answered(closed):
    a, b = closed.participations["a"], closed.participations["b"]
    _answer(a, 0, jobs_fte=Decimal("2"), annual_budget=Decimal("80000"), own_funds=Decimal("5000"))
    _answer(a, 2, jobs_fte=Decimal("3.5"), annual_budget=Decimal("95000"),
            own_funds=Decimal("9000"), outcome_in_use="oui")
    _answer(b, 0, jobs_fte=Decimal("1"))
    return closed


def test_the_page_shows_the_changes_and_charts(client, answered):
    client.force_login(answered.users["cm"])
    html = client.get(reverse("followup:project", args=[answered.project.pk])).content.decode()
    assert "+1,5 ETP" in html
    assert "N+2 pas encore répondu" in html  # Asso B
    assert html.count('data-testid="indicator-chart"') == 3
    assert "<svg" in html


def test_the_csv_leaves_a_missing_year_empty(client, answered):
    client.force_login(answered.users["c2ra"])
    response = client.get(reverse("followup:export", args=[answered.project.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Structure", "Indicateur", "N", "N+1", "N+2", "Évolution N → N+2"]
    assert ["Asso A", "Emplois salariés (ETP)", "2", "", "3,5", "1,5", ""] in rows
    assert ["Asso B", "Emplois salariés (ETP)", "1", "", "", "", "N+2 pas encore répondu"] in rows


def test_the_monograph_effects_are_anonymous_and_wait_for_n2(closed):
    assert selectors.monograph_effects(closed.project) is None
    _answer(closed.participations["a"], 0, jobs_fte=Decimal("2"))
    assert selectors.monograph_effects(closed.project) is None
    _answer(closed.participations["a"], 2, jobs_fte=Decimal("3"), outcome_in_use="en_partie")
    effects = selectors.monograph_effects(closed.project)
    assert [(str(label), n) for label, n in effects["still_used"]] == [("En partie", 1)]
    assert "Asso" not in repr(effects)


def test_the_page_link_shows_for_the_team_only(closed):
    from followup.selectors import followup_link

    assert followup_link(closed.users["cm"], closed.project).url.endswith("/suivi/")
    assert followup_link(closed.users["intervenant"], closed.project) is None
    assert followup_link(closed.users["structure"], closed.project) is None


def test_the_ic_page_links_to_the_follow_up(client, closed):
    client.force_login(closed.users["cm"])
    html = client.get(reverse("cycle:project_detail", args=[closed.project.pk])).content.decode()
    assert 'data-testid="followup-link"' in html


def test_the_monograph_shows_the_effects_without_naming_a_structure(closed):
    from monographs.documents import monograph_html
    from tests.grille.factories import GrilleFactory

    GrilleFactory(project=closed.project)
    assert "Effets à N+2" not in monograph_html(closed.project)
    _answer(closed.participations["a"], 0, jobs_fte=Decimal("2"))
    _answer(closed.participations["a"], 2, jobs_fte=Decimal("3"), outcome_in_use="oui")
    html = monograph_html(closed.project)
    assert "Effets à N+2" in html
    assert "+1 ETP" in html
    assert "Asso A" not in html  # no consent recorded: never named
