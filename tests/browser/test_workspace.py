"""A chargé de mission's day in a real Chromium: create an IC, tick, be refused, fix, advance."""

import re

import pytest
from playwright.sync_api import expect

from cycle.models import Project
from cycle.states import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Pérenniser des emplois « environnement »"


def advance(page):
    page.get_by_role("button", name=re.compile("^Passer à ")).click()
    page.wait_for_load_state()


def edit(page, fields):
    page.get_by_role("link", name="Modifier l'IC").click()
    for name, value in fields.items():
        page.locator(f"[name={name}]").fill(value)
    return page


def save(page):
    page.get_by_role("button", name="Enregistrer les modifications").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Les modifications sont enregistrées.")).to_be_visible()


def test_a_chargee_de_mission_moves_an_ic_from_identifier_to_engager(
    page, login, live_server, artifacts, charge_mission, dla
):
    login(page, "cm")

    # Create an IC with the fiche technique: the type is proposed from the need.
    new_link = page.get_by_role("link", name=re.compile("Nouvelle (IC|ingénierie)"))
    if new_link.count():
        new_link.first.click()
    else:
        page.goto(f"{live_server.url}/projets/nouveau/")
    page.get_by_label("Plusieurs structures", exact=True).check()
    page.get_by_label("Des besoins identiques ou semblables à d'autres structures").check()
    expect(page.locator("[name=ic_type]")).to_have_value("reponse_collective")
    expect(page.locator("#type-hint")).to_contain_text("Réponse collective aux structures")
    page.locator("[name=title]").fill(TITLE)
    page.get_by_role("button", name="Créer l'ingénierie collective").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    project = Project.objects.get(title=TITLE)
    assert project.ic_type == "reponse_collective"

    # Tick two checklist items in place: htmx swaps the item, the page is not reloaded.
    page.evaluate("window.__sameDocument = true")
    checklist = page.locator("#checklist")
    for label in ("S'appuyer sur les diagnostics des DLA", "Traiter des sources documentaires"):
        item = checklist.locator("li", has_text=label)
        item.get_by_role("checkbox", name=label).check()
        expect(checklist.locator("li", has_text=label)).to_contain_text("Coché par Claire Martin")
    assert page.evaluate("window.__sameDocument") is True
    assert project.checklist.filter(done=True, done_by=charge_mission).count() == 2

    # Try to advance: refused, and the page says why.
    advance(page)
    refusal = page.get_by_role("alert").filter(has_text="Transition refusée")
    expect(refusal).to_contain_text("Rédigez la problématique.")
    expect(refusal).to_contain_text("Indiquez les sources de la problématique")

    # Fill in the problématique and its sources, then advance.
    edit(page, {
        "problem_statement": "Des emplois jeunes à pérenniser dans l'environnement",
        "problem_sources": "Diagnostics DLA 2003, sollicitation de la DIREN",
    })
    save(page)
    advance(page)
    expect(page.get_by_test_id("project-state")).to_have_text("Cibler les structures bénéficiaires")

    # Target: territory and sector in the form, a structure created in place.
    page.get_by_role("link", name="Modifier l'IC").click()
    page.locator("[name=territorial_scale]").select_option("departemental")
    page.locator("[name=departements]").select_option(["59"])
    page.get_by_label("Environnement", exact=True).check()
    save(page)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("tab", name="Acteurs").click()
    page.get_by_text("Nouvelle structure (absente de l'annuaire)").click()
    form = page.locator("#structures form", has=page.locator("[name='nouvelle-structure-name']"))
    form.locator("[name='nouvelle-structure-name']").fill("Les Jardins du Nord")
    form.locator("[name='nouvelle-structure-legal_form']").select_option("association")
    form.locator("[name='nouvelle-structure-sector']").select_option("environnement")
    form.locator("[name='nouvelle-structure-departement']").select_option("59")
    form.get_by_role("button", name="Créer et ajouter").click()
    expect(page.locator("#structures table")).to_contain_text("Les Jardins du Nord")
    assert page.evaluate("window.__sameDocument") is True

    advance(page)
    expect(page.get_by_test_id("project-state")).to_have_text("Définir le rôle du DLA")
    advance(page)  # type chosen and référent designated at creation
    expect(page.get_by_test_id("project-state")).to_have_text("Lancer une dynamique partenariale")
    project.refresh_from_db()
    assert project.state == State.DYNAMIQUE
    page.get_by_role("tab", name="Historique").click()
    expect(page.locator("#timeline")).to_contain_text("Coché : Traiter des sources documentaires")
    page.get_by_role("tab", name="Présentation").click()
    page.screenshot(path=str(artifacts / "project_page.png"), full_page=True)

    # The dashboard shows it in Engager.
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text(TITLE).first).to_be_visible()
    column = page.locator("section[aria-labelledby='column-engager']")
    if column.count():
        expect(column).to_contain_text(TITLE)
    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
