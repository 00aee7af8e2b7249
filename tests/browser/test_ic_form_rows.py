"""The IC form in a real Chromium: objectives and tranches added, moved and removed in
place, a funder missing from the directory typed in its tranche — one submission."""

import pytest
from playwright.sync_api import expect

from cycle.models import Project
from cycle.vocabulary import PartnerRole
from directory.models import Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ic_with_three_objectives_two_tranches_and_a_new_funder_in_one_submission(
    page, login, live_server, charge_mission, artifacts
):
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/nouveau/")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST"
            else None)

    page.locator("[name=structure_count][value=plusieurs]").check()
    page.locator("[name=need_kind][value=semblable]").check()
    page.locator("[name=title]").fill("Pérenniser les emplois du sport")
    page.locator("[name=problem_origin]").select_option("diagnostics")
    page.locator("[name=problem_statement]").fill("Des emplois aidés à pérenniser")
    page.locator("[name=territorial_scale]").select_option("departemental")
    page.locator("[name=departements]").select_option("23")
    page.locator("[name=sectors][value=sport]").check()
    page.locator("[name=strategic_objective]").fill("Consolider les clubs")
    page.locator("[name=launched_on]").fill("2026-09-15")

    # Objectives: two blank rows are offered; a third added in place, a fourth added then
    # removed, then the third moved above the second.
    objectives = page.locator("[data-formset=objectifs] > [data-formset-row]")
    expect(objectives).to_have_count(2)
    page.get_by_role("button", name="Ajouter un objectif").click()
    page.get_by_role("button", name="Ajouter un objectif").click()
    expect(objectives).to_have_count(4)
    for index, text in enumerate(("Analyser les postes", "Former les bénévoles",
                                  "Mutualiser un emploi", "À retirer")):
        objectives.nth(index).locator("select[name$=-kind]").select_option("operationnel")
        objectives.nth(index).locator("textarea[name$=-text]").fill(text)
    objectives.nth(3).get_by_role("button", name="Retirer").click()
    expect(objectives).to_have_count(3)
    objectives.nth(2).get_by_role("button", name="Monter").click()
    expect(objectives.nth(1).locator("textarea")).to_have_value("Mutualiser un emploi")
    expect(page.get_by_label("ordre")).to_have_count(0)  # nothing to number by hand

    # Tranches: one offered, a second added; its funder is new to the directory.
    tranches = page.locator("[data-formset=budget] > [data-formset-row]")
    page.get_by_role("button", name="Ajouter une tranche").click()
    expect(tranches).to_have_count(2)
    for index, (label, amount, days) in enumerate((("Diagnostic", "6 000", "6"),
                                                  ("Accompagnement", "14 800,50", "15"))):
        tranches.nth(index).locator("[name$=-label]").fill(label)
        tranches.nth(index).locator("[name$=-amount]").fill(amount)
        tranches.nth(index).locator("[name$=-days]").fill(days)
    second = tranches.nth(1)
    second.get_by_text("Nouveau financeur (absent de la liste)").click()
    second.get_by_label("nom du nouveau financeur").fill("Fondation du sport creusois")
    second.get_by_label("type du nouveau financeur").select_option("financeur")
    page.screenshot(path=str(artifacts / "ic-form-rows.png"), full_page=True)

    page.get_by_role("button", name="Créer l'ingénierie collective").click()
    expect(page.get_by_text("L'ingénierie collective est créée.")).to_be_visible()

    assert len(posts) == 1
    project = Project.objects.get()
    assert [(o.position, o.text) for o in project.objectives.all()] == [
        (1, "Analyser les postes"), (2, "Mutualiser un emploi"), (3, "Former les bénévoles"),
    ]
    first, other = project.budget_tranches.all()
    assert (first.position, first.label, other.position, other.label) == (
        1, "Diagnostic", 2, "Accompagnement"
    )
    funder = Partner.objects.get(name="Fondation du sport creusois")
    assert list(other.funders.all()) == [funder]
    assert project.partnerships.get(partner=funder).role == PartnerRole.FUNDER


def test_without_javascript_the_form_offers_blank_rows_and_delete_boxes(
    browser, login, live_server, charge_mission, project
):
    project.objectives.create(kind="operationnel", text="Analyser les postes", position=1)
    page = browser.new_context(java_script_enabled=False, locale="fr-FR").new_page()
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/modifier/")

    expect(page.get_by_role("button", name="Ajouter un objectif")).to_be_hidden()
    expect(page.locator("#objectifs").get_by_text("Enregistrez pour obtenir")).to_be_visible()
    rows = page.locator("[data-formset=objectifs] > [data-formset-row]")
    expect(rows).to_have_count(3)  # the saved one and two blank rows
    rows.nth(1).locator("select[name$=-kind]").select_option("evaluation")
    rows.nth(1).locator("textarea[name$=-text]").fill("Emplois maintenus")
    rows.nth(0).get_by_label("Supprimer").check()
    page.locator("[name=need_kind][value=semblable]").check()  # not set by the factory
    page.get_by_role("button", name="Enregistrer les modifications").click()

    expect(page.get_by_text("Les modifications sont enregistrées.")).to_be_visible()
    assert [(o.position, o.text) for o in project.objectives.all()] == [
        (1, "Emplois maintenus")
    ]
