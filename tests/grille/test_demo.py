"""The four seed grilles (carnet III.B–E) are complete and validated after the demo loads."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from grille import demo
from grille.models import Grille, GrilleStatus
from grille.selectors import load_sheet, missing, missing_in_grille
from grille.vocabulary import QUESTIONS, THEMES_BY_CODE

TITLES = [data["title"] for data in demo.fixtures()]


def sheets():
    wanted = {demo.normalise(t) for t in TITLES}
    grilles = Grille.objects.select_related("project")
    return {
        g.project.title: load_sheet(g.project, g)
        for g in grilles
        if demo.normalise(g.project.title) in wanted
    }


@pytest.fixture
def seed_ics(project_factory):
    """Bare ICs with the seed's titles (the grille's own content does not need more)."""
    for title in TITLES:
        project_factory(title=title.replace("'", "’"))  # typographic apostrophe: still found


def test_fixtures_name_only_known_themes_and_questions():
    codes = {q.code for q in QUESTIONS}
    for data in demo.fixtures():
        assert {c for cs in data["themes"].values() for c in cs} <= set(THEMES_BY_CODE)
        assert set(data["answers"]) == codes


def test_load_fills_the_four_grilles_and_is_idempotent(seed_ics):
    assert len(demo.load()) == 4
    first = {title: (s.grille.version, len(s.phases), len(s.themes)) for title, s in sheets().items()}
    assert len(demo.load()) == 4
    assert {title: (s.grille.version, len(s.phases), len(s.themes)) for title, s in sheets().items()} == first
    for title, sheet in sheets().items():
        assert sheet.grille.status == GrilleStatus.VALIDATED, title
        assert not any(missing_in_grille(sheet).values()), (title, missing_in_grille(sheet))
        assert sheet.grille.logs.count() == 1


def test_seed_values_as_the_carnet_gives_them(seed_ics):
    demo.load()
    by_title = {demo.normalise(t): s for t, s in sheets().items()}
    e = by_title[demo.normalise("Pérenniser un réseau départemental environnement et patrimoine")]
    assert [p.days for p in e.phases] == [Decimal(d) for d in ("4", "4", "6", "6", "4")]
    assert e.phase_days() == Decimal("24")
    assert e.phases[2].title == "Validation et formalisation du projet associatif"
    c = by_title[demo.normalise("Éclairage fiscal des recycleries et ressourceries")]
    assert [t.label for t in c.themes if t.axis == "gestion_financiere"] == [
        "Analyser la situation fiscale"
    ]
    assert c.phase_days() == Decimal("8.5")  # 2 + 3,5 + 3 (the budget says 9,5 j)
    b = by_title[demo.normalise("Pérenniser des emplois « environnement »")]
    assert "Connaître le marché" in [t.label for t in b.themes]
    assert len(b.grille.strengths.splitlines()) == 3
    assert len(b.grille.watchpoints.splitlines()) == 7
    d = by_title[demo.normalise("Consolider et pérenniser l'offre d'insertion sur un territoire")]
    assert [p.days for p in d.phases] == [Decimal("9"), None, Decimal("12")]
    assert {t.axis for t in d.themes} == {
        "strategie", "gestion_financiere", "communication", "ressources_humaines"
    }


def test_load_demo_gives_complete_validated_grilles(db):
    call_command("load_demo", stdout=io.StringIO())
    found = sheets()
    assert len(found) == 4, sorted(found)
    for title, sheet in found.items():
        assert sheet.grille.status == GrilleStatus.VALIDATED, title
        assert not any(missing(sheet).values()), (title, missing(sheet))
