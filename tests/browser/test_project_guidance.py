"""The IC's guidance in a real Chromium: « il manque » follows each inline save, no reload."""

import pytest
from playwright.sync_api import expect

from cycle.models import Committee, Project
from cycle.states import State
from cycle.vocabulary import CommitteeKind, ParticipationStatus
from tests.cycle.builders import fulfil
from tests.cycle.factories import ParticipationFactory
from tests.directory.factories import BeneficiaryStructureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPINION = "Recueillez l'avis du comité d'appui."
COMMITTED = "Au moins deux structures bénéficiaires doivent être engagées."


def test_the_missing_lines_and_the_road_map_follow_inline_saves(
    page, login, live_server, charge_mission, project
):
    for target in (State.CIBLAGE, State.ROLE_DLA, State.DYNAMIQUE, State.OBJECTIFS,
                   State.VALIDATION, State.MOBILISATION):
        fulfil(project, target)
    Committee.objects.filter(project=project).update(opinion="")  # still to be given
    # One structure already engaged, one contacted: the second engagement is missing.
    project.participations.update(status=ParticipationStatus.COMMITTED)
    ParticipationFactory(
        project=project, structure=BeneficiaryStructureFactory(name="Ressourcerie du Nord"),
        status=ParticipationStatus.CONTACTED,
    )
    Project.objects.filter(pk=project.pk).update(state=State.VALIDATION)

    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    page.evaluate("window.__sameDocument = true")
    guidance = page.get_by_test_id("guidance")
    expect(guidance.get_by_test_id("missing")).to_contain_text(OPINION)

    # The road map, read when opened: the engagement of two structures is still to do.
    page.get_by_text("Feuille de route :").click()
    road_map = page.get_by_test_id("road-map")
    committed = road_map.get_by_test_id("road-line").filter(has_text=COMMITTED)
    expect(committed).to_have_attribute("data-met", "non")

    # The comité's opinion, saved in place: its « il manque » line goes.
    page.get_by_role("tab", name="Comités").click()
    committees = page.locator("#comites")
    committees.get_by_text("Avis du comité d'appui").click()
    committees.locator("[name='avis-opinion']").fill("Avis favorable")
    committees.locator("[name='avis-opinion_on']").fill("2005-01-20")
    committees.get_by_role("button", name="Enregistrer l'avis").click()
    expect(committees).to_contain_text("Avis favorable")
    expect(page.get_by_test_id("guidance")).not_to_contain_text(OPINION)
    expect(page.get_by_test_id("guidance").get_by_test_id("missing")).to_have_count(0)
    assert Committee.objects.get(project=project, kind=CommitteeKind.APPUI).opinion

    # A structure engaged in place: the road map marks the rule met.
    page.get_by_role("tab", name="Acteurs").click()
    row = page.locator("#structures tr", has_text="Ressourcerie du Nord")
    row.locator("select").select_option(ParticipationStatus.COMMITTED.value)
    row.get_by_role("button", name="Valider").click()
    expect(page.locator("#structures tr", has_text="Ressourcerie du Nord")).to_contain_text(
        "Engagée"
    )
    expect(
        page.get_by_test_id("road-map").get_by_test_id("road-line").filter(has_text=COMMITTED)
    ).to_have_attribute("data-met", "oui")

    assert page.evaluate("window.__sameDocument") is True
