"""What the grille is proposed from the steps before it (issue 21): the themes the cahier
des charges expects, ticked until the grille has themes of its own."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cycle import services as cycle
from grille import proposals
from grille.forms import ActionsForm
from grille.models import Grille, GrilleStatus
from grille.vocabulary import Axis
from tests.browserless import posted
from tests.grille.factories import GrilleThemeFactory, PhaseFactory
from tests.monographs.factories import SpecificationFactory

SOURCE = "Proposés d'après les thèmes attendus du cahier des charges."
EXPECTED = ["connaitre-marche", "situation-fiscale"]


def part_url(project, part=2):
    return reverse("grille:part", kwargs={"project_pk": project.pk, "part": part})


def ticked(page: str) -> set[str]:
    data = posted(page, "data-grille-form")
    return {code for axis in Axis for code in _list(data.get(f"themes_{axis.value}"))}


def _list(value):
    return [] if value is None else [value] if isinstance(value, str) else value


@pytest.fixture
def specified(ic):
    SpecificationFactory(project=ic, expected_themes=EXPECTED)
    return ic


def test_the_cahier_des_charges_registers_its_expected_themes(specified):
    assert proposals.proposed_themes(specified) == EXPECTED


def test_the_form_ticks_the_proposed_themes_on_their_axis():
    form = ActionsForm(initial={f"themes_{axis.value}": [] for axis in Axis})

    form.propose_themes([*EXPECTED, "no-such-theme"])

    assert form["themes_strategie"].value() == ["connaitre-marche"]
    assert SOURCE in str(form.fields["themes_strategie"].help_text)
    assert form["themes_gestion_financiere"].value() == ["situation-fiscale"]


def test_a_submitted_form_is_never_given_proposals():
    form = ActionsForm({"version": 1})

    form.propose_themes(EXPECTED)

    assert form.is_valid(), form.errors
    assert form.themes == []


def test_an_empty_grille_shows_the_expected_themes(specified, grille, intervenant, client_of):
    page = client_of(intervenant).get(part_url(specified)).content.decode()

    assert ticked(page) == set(EXPECTED)
    assert SOURCE in page


def test_themes_of_its_own_are_never_replaced(specified, grille, intervenant, client_of):
    GrilleThemeFactory(grille=grille, axis=Axis.STRATEGY, code="projet-strategie")

    page = client_of(intervenant).get(part_url(specified)).content.decode()

    assert ticked(page) == {"projet-strategie"}
    assert SOURCE not in page


def test_saving_the_page_as_drawn_keeps_the_proposed_themes(
    specified, grille, intervenant, client_of
):
    client = client_of(intervenant)
    page = client.get(part_url(specified)).content.decode()

    assert client.post(part_url(specified), posted(page, "data-grille-form")).status_code == 302

    saved = Grille.objects.get(pk=grille.pk)
    assert {t.code for t in saved.themes.all()} == set(EXPECTED)


def test_who_may_not_change_the_grille_sees_what_is_saved_not_a_proposal(
    specified, grille, intervenant, client_of
):
    cycle.add_planned_phase(specified, title="Diagnostic partagé")
    Grille.objects.filter(pk=grille.pk).update(status=GrilleStatus.SUBMITTED)  # handed in

    page = client_of(intervenant).get(part_url(specified)).content.decode()

    assert "Diagnostic partagé" not in page

    assert SOURCE not in page


PHASES_NOTE = "Proposées d'après l'offre retenue ou, à défaut, les phases prévues par l'IC"


@pytest.fixture
def planned(ic):
    cycle.add_planned_phase(ic, title="Diagnostic partagé", days=Decimal("2.5"))
    cycle.add_planned_phase(ic, title="Ateliers", days=Decimal("3"))
    return ic


def test_an_empty_part_2_shows_the_planned_phases(planned, grille, intervenant, client_of):
    page = client_of(intervenant).get(part_url(planned)).content.decode()

    data = posted(page, "data-grille-form")
    assert [(data[f"phases-{i}-title"], data[f"phases-{i}-days"]) for i in (0, 1)] == [
        ("Diagnostic partagé", "2,5"), ("Ateliers", "3"),
    ]
    assert PHASES_NOTE in page


def test_phases_of_its_own_are_never_replaced(planned, grille, intervenant, client_of):
    PhaseFactory(grille=grille, position=1, title="Rencontre 1", days=Decimal("0.5"))

    page = client_of(intervenant).get(part_url(planned)).content.decode()

    # The planned phases are now offered as the phases' link (options), never as phases.
    data = posted(page, "data-grille-form")
    titles = [value for name, value in data.items() if name.endswith("-title") and value]
    assert titles == ["Rencontre 1"] and PHASES_NOTE not in page
    assert data["phases-0-title"] == "Rencontre 1"


def test_saving_part_2_as_drawn_keeps_the_proposed_phases(planned, grille, intervenant,
                                                          client_of):
    client = client_of(intervenant)
    page = client.get(part_url(planned)).content.decode()

    assert client.post(part_url(planned), posted(page, "data-grille-form")).status_code == 302

    saved = Grille.objects.get(pk=grille.pk)
    assert [(p.title, p.days) for p in saved.phases.all()] == [
        ("Diagnostic partagé", Decimal("2.5")), ("Ateliers", Decimal("3")),
    ]
