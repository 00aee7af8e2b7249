"""The dashboard's long prestataire filter in a real Chromium: typed without accents,
the firm is found as one types, picked, applied, and the dashboard is filtered."""

import pytest
from playwright.sync_api import expect

from cycle import filters
from tests.cycle.factories import ProjectFactory, ProjectPrestataireFactory
from tests.directory.factories import PrestataireFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_finds_a_prestataire_as_he_types_and_filters_by_it(
    page, login, live_server, admin_user, charge_mission, monkeypatch, artifacts
):
    monkeypatch.setattr(filters, "SEARCH_THRESHOLD", 2)  # three firms stand for 1,500
    for title, firm in (
        ("IC des jardins", "Coopérative Élan Conseil"),
        ("IC des recycleries", "Cabinet Alpha"),
        ("IC des cafés", "Cabinet Beta"),
    ):
        ProjectPrestataireFactory(
            project=ProjectFactory(by=charge_mission, title=title),
            prestataire=PrestataireFactory(name=firm),
        )

    login(page, "admin")
    page.goto(f"{live_server.url}/")
    select = page.get_by_label("Prestataire", exact=True)
    expect(select.locator("option")).to_have_text(["Tous"])  # not the 1,500 entries
    with page.expect_response(lambda response: "/tableau-de-bord/options/" in response.url):
        page.get_by_label("Chercher un prestataire…").press_sequentially("cooperative el")
    expect(select.locator("option")).to_have_text(["Tous", "Coopérative Élan Conseil"])
    page.screenshot(path=artifacts / "dashboard-prestataire-search.png", full_page=True)

    select.select_option(label="Coopérative Élan Conseil")
    page.get_by_role("button", name="Appliquer").click()

    board = page.locator("#contenu")
    expect(board).to_contain_text("IC des jardins")
    expect(board).not_to_contain_text("IC des recycleries")
    expect(select.locator("option:checked")).to_have_text("Coopérative Élan Conseil")
