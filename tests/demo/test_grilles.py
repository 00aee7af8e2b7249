"""The four seed grilles (carnet III.B–E) are validated after the demo loads.

They are historical records: complete but for the questions the notebook never answers,
which stay unanswered rather than filled with a placeholder (issue 12).
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from demo import grilles as demo
from grille.models import Grille, GrilleStatus
from grille.selectors import load_sheet, missing, missing_in_grille
from grille.vocabulary import QUESTIONS, THEMES_BY_CODE

TITLES = [data["title"] for data in demo.fixtures()]
# What each monograph of the notebook leaves unsaid: evaluation questions (by code) and,
# for case C, the split of roles between chargé de mission and intervenants; for all,
# the type of intervention (a classification of the grille the notebook never gives).
TYPES = "Au moins un type d'intervention"
UNSAID = {
    "Pérenniser des emplois « environnement »": {
        "changement", "besoins", "transferables", TYPES
    },
    "Éclairage fiscal des recycleries et ressourceries": {
        "changement", "besoins", "transferables", "La répartition des fonctions", TYPES,
    },
    "Consolider et pérenniser l'offre d'insertion sur un territoire": {
        "changement", "besoins", "transferables", TYPES
    },
    "Pérenniser un réseau départemental environnement et patrimoine": {
        "besoins", "transferables", TYPES
    },
}


def only_unsaid_missing(title: str, missing_parts: dict) -> bool:
    """What the grille lacks is exactly what the notebook leaves unsaid."""
    unsaid = next(v for t, v in UNSAID.items() if demo.normalise(t) == demo.normalise(title))
    expected = {f"Question « {q.heading} »" for q in QUESTIONS if q.code in unsaid}
    expected |= {item for item in unsaid if " " in item}
    return {m for part in missing_parts.values() for m in part} == expected


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
        assert set(data["answers"]) <= codes
        assert all(set(answers) == {""} for answers in data["answers"].values())


def test_load_fills_the_four_grilles_and_is_idempotent(seed_ics):
    assert len(demo.load()) == 4
    first = {title: (s.grille.version, len(s.phases), len(s.themes)) for title, s in sheets().items()}
    assert len(demo.load()) == 4
    assert {title: (s.grille.version, len(s.phases), len(s.themes)) for title, s in sheets().items()} == first
    for title, sheet in sheets().items():
        assert sheet.grille.status == GrilleStatus.VALIDATED, title
        assert only_unsaid_missing(title, missing_in_grille(sheet)), (
            title, missing_in_grille(sheet)
        )
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
        assert only_unsaid_missing(title, missing(sheet)), (title, missing(sheet))
