"""The spreadsheet import in a real Chromium: a newcomer admin finds « Importer » in the
directory, uploads the shipped structures template, reads the preview, confirms, follows
the import to its end and finds the structures in the directory (issue 19)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from directory.models import BeneficiaryStructure
from imports.kinds import STRUCTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "import" / "structures.xlsx"


def test_an_admin_imports_the_shipped_structures(page, login, live_server, admin_user,
                                                  artifacts):
    login(page, "admin")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Annuaire").click()
    page.get_by_role("link", name="Importer").click()
    page.get_by_label("Données à importer").select_option(label="Structures bénéficiaires")
    page.get_by_label("Fichier").set_input_files(SHIPPED)
    page.get_by_role("button", name="Lire le fichier").click()

    expect(page.get_by_text(f"Créer : {len(STRUCTURES.examples)}")).to_be_visible()
    expect(page.get_by_text("Jardins de Cocagne de Lille")).to_be_visible()
    assert not BeneficiaryStructure.objects.exists()  # a preview writes nothing
    page.screenshot(path=artifacts / "imports-preview.png", full_page=True)
    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.get_by_text("Import lancé : il se poursuit en arrière-plan.")).to_be_visible()

    call_command("run_worker", "--batch", "--no-startup-delay")  # the background worker
    # the page polls its status: it turns « Terminé » without a reload
    expect(page.locator("#import-status .badge").first).to_have_text("Terminé", timeout=15000)
    expect(page.locator("#import-status")).to_contain_text(
        f"Créer : {len(STRUCTURES.examples)}")
    page.screenshot(path=artifacts / "imports-done.png", full_page=True)

    page.get_by_role("link", name="Annuaire").click()
    for name, *_rest in STRUCTURES.examples:
        expect(page.get_by_role("link", name=name)).to_be_visible()
    page.get_by_role("link", name="Ressourcerie du Pévèle").click()
    expect(page.get_by_text("59830 Cysoing")).to_be_visible()
