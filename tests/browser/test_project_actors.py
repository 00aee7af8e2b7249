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


def test_structures_move_in_bulk_and_their_consent_is_recorded(
    page, login, live_server, charge_mission, project
):
    clubs = [
        ProjectStructure.objects.create(
            project=project, structure=BeneficiaryStructure.objects.create(
                name=f"Club sportif {i}", legal_form=LegalForm.ASSOCIATION,
                sector_id="sport", departement_id="23",
            ),
        )
        for i in range(3)
    ]
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/?onglet=acteurs")
    page.evaluate("window.__sameDocument = true")
    structures = page.locator("#structures")

    # Two submissions take all the clubs from Identifiée to Engagée.
    for target in ("Contactée", "Engagée"):
        if target == "Contactée":  # one by one
            for club in clubs:
                structures.get_by_label(f"Cocher {club.structure.name}").check()
        else:  # all at once
            structures.get_by_label("Tout cocher").check()
            expect(structures.get_by_label("Cocher Club sportif 2")).to_be_checked()
        structures.get_by_label("Passer les structures cochées à :").select_option(label=target)
        structures.get_by_role("button", name="Appliquer aux structures cochées").click()
        expect(structures.get_by_role("status")).to_contain_text(
            f"3 structures sont maintenant « {target} »."
        )
    assert {c.status for c in ProjectStructure.objects.all()} == {"engagee"}

    # A withdrawal without its reason: refused, named, nothing moved, the choice kept.
    structures.get_by_label("Cocher Club sportif 0").check()
    structures.get_by_label("Passer les structures cochées à :").select_option(label="Retirée")
    structures.get_by_role("button", name="Appliquer aux structures cochées").click()
    expect(structures.get_by_role("alert")).to_contain_text(
        "« Club sportif 0 » : Indiquez le motif du retrait de la structure."
    )
    expect(structures.get_by_label("Cocher Club sportif 0")).to_be_checked()
    assert ProjectStructure.objects.get(pk=clubs[0].pk).status == "engagee"

    # Consent, asked for confirmation: dismissed, nothing; accepted, recorded.
    row = structures.locator("tr", has_text="Club sportif 1")
    page.once("dialog", lambda dialog: dialog.dismiss())
    row.get_by_role("button", name="Enregistrer son consentement").click()
    expect(row.get_by_test_id("consent")).to_contain_text("non recueilli")
    assert not ProjectStructure.objects.get(pk=clubs[1].pk).publication_consent
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Enregistrer son consentement").click()
    row = page.locator("#structures tr", has_text="Club sportif 1")
    expect(row.get_by_test_id("consent")).to_contain_text("recueilli le")
    expect(row.get_by_test_id("consent")).to_contain_text("par Claire Martin")
    consented = ProjectStructure.objects.get(pk=clubs[1].pk)
    assert consented.publication_consent and consented.consent_recorded_by == charge_mission

    # Withdrawn again, also confirmed.
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Retirer le consentement").click()
    expect(
        page.locator("#structures tr", has_text="Club sportif 1").get_by_test_id("consent")
    ).to_contain_text("non recueilli")
    assert not ProjectStructure.objects.get(pk=clubs[1].pk).publication_consent
    assert page.evaluate("window.__sameDocument") is True


def test_several_new_structures_in_one_submission_a_row_removed_in_place(
    page, login, live_server, charge_mission, project
):
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/?onglet=acteurs")
    page.evaluate("window.__sameDocument = true")
    structures = page.locator("#structures")
    structures.get_by_text("Ajouter plusieurs structures").click()
    form = page.locator("#formulaire-nouvelles-structures")
    expect(form.locator("[data-formset-row]")).to_have_count(3)  # blank rows, loaded on demand
    form.get_by_role("button", name="Ajouter une ligne").click()  # set up once loaded by htmx
    expect(form.locator("[data-formset-row]")).to_have_count(4)

    names = ["Club A", "Club retiré", "Régie B", "Ressourcerie C"]
    for index, name in enumerate(names):
        row = form.locator("[data-formset-row]").nth(index)
        row.locator("[name$='-name']").fill(name)
        row.locator("[name$='-legal_form']").select_option("association")
        row.locator("[name$='-sector']").select_option("sport")
        row.locator("[name$='-departement']").select_option("59")
    form.locator("[data-formset-row]").nth(1).get_by_role("button", name="Retirer la ligne").click()
    expect(form.locator("[data-formset-row]")).to_have_count(3)

    with page.expect_request(lambda request: request.method == "POST") as posted:
        form.get_by_role("button", name="Créer et ajouter ces structures").click()
    assert posted.value.post_data.count("action=create_many") == 1
    table = page.locator("#structures table")
    for name in ("Club A", "Régie B", "Ressourcerie C"):
        expect(table).to_contain_text(name)
    expect(table).not_to_contain_text("Club retiré")
    assert sorted(ProjectStructure.objects.filter(project=project).values_list(
        "structure__name", flat=True
    )) == ["Club A", "Ressourcerie C", "Régie B"]
    assert page.evaluate("window.__sameDocument")  # in place, no reload
