"""The validated grille's part 3, proposed to the IC (issue 21): as its « synthèse de
l'évaluation » while empty, and as a new capitalisation item; the grille registers it."""

import pytest
from django.urls import reverse

from cycle import proposals
from cycle.forms import CapitalisationItemForm, ProjectForm
from cycle.models import CapitalisationItem, Project
from grille.models import GrilleStatus
from tests.browserless import posted
from tests.grille.factories import GrilleFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
SOURCE = "Proposé d'après la partie 3 de la grille d'enquête validée."
SYNTHESIS = (
    "Points positifs :\nSynthèses régulières\n\n"
    "Points de vigilance :\nClarifier les objectifs"
)


@pytest.fixture
def evaluated(project):
    GrilleFactory(project=project, status=GrilleStatus.VALIDATED,
                  strengths="Synthèses régulières", watchpoints="Clarifier les objectifs")
    return project


def test_the_grille_registers_its_validated_part_3(evaluated):
    assert proposals.proposed_evaluation(evaluated) == SYNTHESIS


def test_a_grille_not_yet_validated_proposes_nothing(project):
    GrilleFactory(project=project, status=GrilleStatus.SUBMITTED, strengths="Pas encore")

    assert proposals.proposed_evaluation(project) == ""
    assert ProjectForm(instance=project)["evaluation_summary"].value() in ("", None)


def test_an_empty_synthesis_is_proposed(evaluated):
    form = ProjectForm(instance=evaluated)

    assert form["evaluation_summary"].value() == SYNTHESIS
    assert SOURCE in str(form.fields["evaluation_summary"].help_text)


def test_a_synthesis_already_written_is_never_replaced(evaluated):
    Project.objects.filter(pk=evaluated.pk).update(evaluation_summary="Notre synthèse")

    form = ProjectForm(instance=Project.objects.get(pk=evaluated.pk))

    assert form["evaluation_summary"].value() == "Notre synthèse"
    assert SOURCE not in str(form.fields["evaluation_summary"].help_text)


def test_the_proposed_synthesis_is_read_as_typed(evaluated):
    form = ProjectForm({"evaluation_summary": SYNTHESIS}, instance=evaluated)
    form.is_valid()

    assert "evaluation_summary" not in form.errors
    assert form.cleaned_data["evaluation_summary"] == SYNTHESIS


def test_the_edit_page_shows_the_proposed_synthesis(client, charge_mission, evaluated):
    client.force_login(charge_mission)

    page = client.get(reverse("cycle:project_update", args=[evaluated.pk])).content.decode()

    assert "Synthèses régulières" in page and SOURCE in page


def test_a_new_capitalisation_item_is_proposed_and_kept_when_typed(evaluated):
    proposed = CapitalisationItemForm(prefix="capitalisation", project=evaluated)
    typed = CapitalisationItemForm({"capitalisation-title": "Fiches outils"},
                                   prefix="capitalisation", project=evaluated)

    assert proposed["title"].value() == "Enseignements de l'évaluation"
    assert proposed["description"].value() == SYNTHESIS
    assert not typed.is_valid()  # nature missing: refused as typed, nothing added to it
    assert typed["title"].value() == "Fiches outils"
    assert typed["description"].value() in ("", None)


def test_the_capitalisation_form_shows_the_proposal_and_saves_it_as_drawn(
    client, charge_mission, evaluated
):
    client.force_login(charge_mission)
    url = reverse("cycle:project_capitalisation", args=[evaluated.pk])

    page = client.get(f"{url}?formulaire=capitalisation", **HTMX).content.decode()
    assert "Enseignements de l&#x27;évaluation" in page and SOURCE in page

    response = client.post(url, posted(page, "formulaire-capitalisation"), **HTMX)

    assert response.status_code == 200
    item = CapitalisationItem.objects.get(project=evaluated)
    assert (item.title, item.nature, item.description) == (
        "Enseignements de l'évaluation", "analyse", SYNTHESIS,
    )
