"""The library in a real Chromium: a C2RA searches it, marks a monograph « à diffuser » and
compiles a carnet from the marked monographs (issue 18)."""

import pytest
from playwright.sync_api import expect

from monographs.models import Carnet
from tests.library.factories import library_ic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_c2ra_searches_marks_and_compiles_a_carnet(
    page, login, live_server, charge_mission, c2ra_staff, artifacts
):
    library_ic(by=charge_mission, title="Mutualiser l'encadrement")
    library_ic(by=charge_mission, title="Structurer la vie statutaire", problem="Statuts")

    login(page, "c2ra")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Bibliothèque").click()
    page.get_by_label("Mots recherchés").fill("economies")  # no accent, a plural
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("1 monographie trouvée")).to_be_visible()
    expect(page.locator(".library-result")).to_have_count(1)
    page.get_by_role("link", name="Mutualiser l'encadrement").click()

    expect(page.get_by_role("heading", name="Outils transférables")).to_be_visible()
    page.get_by_role("button", name="Marquer « à diffuser »").click()
    expect(page.get_by_text("Monographie marquée « à diffuser ».")).to_be_visible()
    expect(page.get_by_role("button", name="Ne plus diffuser")).to_be_visible()
    page.screenshot(path=artifacts / "library-marked.png", full_page=True)

    page.get_by_role("link", name="Bibliothèque").first.click()
    page.get_by_role("link", name="Composer un carnet des monographies « à diffuser »").click()
    expect(page.get_by_label("Seulement les monographies « à diffuser »")).to_be_checked()
    expect(page.get_by_label("Mutualiser l'encadrement", exact=True)).to_be_checked()
    expect(page.get_by_text("Structurer la vie statutaire")).to_have_count(0)
    page.get_by_label("Titre du carnet").fill("À diffuser en 2026")
    page.get_by_role("button", name="Lancer la construction du carnet").click()
    expect(page.get_by_role("heading", name="À diffuser en 2026")).to_be_visible()
    page.screenshot(path=artifacts / "library-carnet.png", full_page=True)
    carnet = Carnet.objects.get(title="À diffuser en 2026")
    assert [p.title for p in carnet.projects.all()] == ["Mutualiser l'encadrement"]
