"""The actors of an IC in a real Chromium: forms and tabs loaded on demand, in place."""

import pytest
from playwright.sync_api import expect

from cycle.models import ProjectPartner, ProjectStructure
from directory.models import BeneficiaryStructure
from directory.vocabulary import LegalForm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chargee_de_mission_adds_actors_from_the_lazy_tabs(
    page, login, live_server, charge_mission, project
):
    BeneficiaryStructure.objects.create(
        name="Recyclerie du Hainaut", legal_form=LegalForm.ASSOCIATION,
        sector_id="environnement", departement_id="59",
    )
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    page.evaluate("window.__sameDocument = true")

    # The Acteurs tab is loaded when opened, its pick form when its disclosure opens.
    expect(page.locator("#structures")).to_have_count(0)
    page.get_by_role("tab", name="Acteurs").click()
    structures = page.locator("#structures")
    structures.get_by_text("Repérer une structure de l'annuaire").click()
    search = structures.get_by_label("Chercher une structure dans l'annuaire")
    search.fill("Recyclerie")
    # The answer replaces the section: wait for it, or the pick below races the swap.
    with page.expect_response(lambda response: "recherche=Recyclerie" in response.url):
        structures.get_by_role("button", name="Chercher").click()
    page.wait_for_load_state("networkidle")
    select = page.locator("#structures [name='participation-structure']")
    expect(select.locator("option", has_text="Recyclerie du Hainaut")).to_have_count(1)
    select.select_option(label="Recyclerie du Hainaut")
    page.locator("#structures").get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator("#structures table")).to_contain_text("Recyclerie du Hainaut")
    assert ProjectStructure.objects.filter(
        project=project, structure__name="Recyclerie du Hainaut"
    ).exists()

    # A partner missing from the directory, created with its two roles at once.
    partners = page.locator("#partenaires")
    partners.get_by_text("Nouveau partenaire (absent de l'annuaire)").click()
    form = partners.locator("form", has=page.locator("[name='nouveau-partenaire-name']"))
    form.locator("[name='nouveau-partenaire-name']").fill("Réseau des ressourceries")
    form.locator("[name='nouveau-partenaire-kind']").select_option("reseau")
    form.get_by_label("Réseau", exact=True).check()
    form.get_by_label("Financeur", exact=True).check()
    form.get_by_role("button", name="Créer et associer").click()
    expect(page.locator("#partenaires table")).to_contain_text("Réseau des ressourceries")
    assert sorted(ProjectPartner.objects.filter(
        project=project, partner__name="Réseau des ressourceries"
    ).values_list("role", flat=True)) == ["financeur", "reseau"]

    # Another lazy tab: the history, with what was just done, on the same page.
    page.get_by_role("tab", name="Historique").click()
    expect(page.locator("#timeline")).to_contain_text("Création de l'IC")
    page.get_by_role("tab", name="Comités").click()
    expect(page.locator("#comites")).to_contain_text("Aucun comité constitué.")
    assert page.evaluate("window.__sameDocument") is True
