"""The IC's checklist in a real Chromium: an item the app answers follows its fact after an
inline save, without reloading the page (issue 21)."""

import pytest
from playwright.sync_api import expect

from cycle.models import Committee, Project
from cycle.states import State
from tests.cycle.builders import fulfil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recording_the_comites_opinion_ticks_its_item_in_place(
    page, login, live_server, charge_mission, project
):
    for target in (State.CIBLAGE, State.ROLE_DLA, State.DYNAMIQUE, State.OBJECTIFS,
                   State.VALIDATION, State.MOBILISATION):
        fulfil(project, target)
    Committee.objects.filter(project=project).update(opinion="")  # still to be given
    Project.objects.filter(pk=project.pk).update(state=State.VALIDATION)
    avis = project.checklist.get(phase=State.VALIDATION, code="avis-comite")
    porteuse = project.checklist.get(phase=State.VALIDATION, code="structure-porteuse")

    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    page.evaluate("window.__sameDocument = true")
    item = page.locator(f"#checklist-item-{avis.pk}")
    expect(item).to_have_attribute("data-done", "0")
    expect(item).to_contain_text("Se coche seul dès que")
    expect(item.locator("input[type=checkbox]")).to_have_count(0)
    expect(page.get_by_test_id("checklist-progress")).to_have_text("1/3 faits")  # the budget
    # A note being typed on a hand-ticked item is not lost when the checklist refreshes.
    page.locator(f"#note-{porteuse.pk}").fill("En cours")

    page.get_by_role("tab", name="Comités").click()
    committees = page.locator("#comites")
    committees.get_by_text("Avis du comité d'appui").click()
    committees.locator("[name='avis-opinion']").fill("Avis favorable")
    committees.locator("[name='avis-opinion_on']").fill("2005-01-20")
    committees.get_by_role("button", name="Enregistrer l'avis").click()
    expect(committees).to_contain_text("Avis favorable")

    item = page.locator(f"#checklist-item-{avis.pk}")
    expect(item).to_have_attribute("data-done", "1")
    expect(item).to_contain_text("Fait — avis du comité d'appui enregistré")
    expect(page.get_by_test_id("checklist-progress")).to_have_text("2/3 faits")
    expect(page.locator(f"#note-{porteuse.pk}")).to_have_value("En cours")
    # Its link leads to the fact.
    link = item.get_by_role("link", name="avis du comité d'appui enregistré")
    assert link.get_attribute("href").endswith("?onglet=comites#comites")
    assert page.evaluate("window.__sameDocument") is True


def test_passing_on_ticks_the_boxes_checked_in_the_transition_form(
    page, login, live_server, charge_mission, project
):
    fulfil(project, State.CIBLAGE)
    diagnostics = project.checklist.get(phase=State.PROBLEMATIQUE, code="diagnostics")
    sources = project.checklist.get(phase=State.PROBLEMATIQUE, code="sources")

    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    ticks = page.get_by_test_id("ticks-on-the-way")
    expect(ticks).to_contain_text("En passant à la sous-phase suivante, cochez ce qui a été fait")
    expect(ticks.locator("input[name=ticks]")).to_have_count(6)
    expect(ticks.locator("input[name=ticks]:checked")).to_have_count(0)  # none by default
    ticks.get_by_label("S'appuyer sur les diagnostics des DLA").check()
    ticks.get_by_label("Traiter des sources documentaires").check()
    page.get_by_role("button", name="Passer à « Cibler les structures bénéficiaires »").click()
    expect(page.get_by_test_id("project-state")).to_have_text("Cibler les structures bénéficiaires")

    page.get_by_role("tab", name="Historique").click()
    history = page.locator("#timeline")
    for label in ("S'appuyer sur les diagnostics des DLA", "Traiter des sources documentaires"):
        expect(history).to_contain_text(f"Coché : {label}")
    expect(history).not_to_contain_text("Recueillir l'impression des prestataires")
    for item in (diagnostics, sources):
        item.refresh_from_db()
        assert item.done and item.done_by == charge_mission
