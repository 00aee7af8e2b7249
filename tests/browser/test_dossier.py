"""A chargée de mission files a convention shared « avec les structures »; the structure's
representative signs in, finds it from their « Espace structure » and downloads it."""

import pytest

from accounts.models import Role
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory
from tests.dossier.factories import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_convention_shared_with_the_structures_is_downloaded_by_one(
    page, login, live_server, project, artifacts
):
    structure = BeneficiaryStructureFactory(name="Association Lumière")
    ProjectStructure.objects.create(
        project=project, structure=structure, status=ParticipationStatus.COMMITTED
    )
    StructureContact.objects.create(structure=structure, user=make_user("asso", Role.STRUCTURE))

    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    page.get_by_role("link", name="Documents", exact=True).click()
    page.get_by_label("Titre").fill("Convention de partenariat")
    page.get_by_label("Catégorie").select_option(label="Convention")
    page.get_by_label("Avec les structures").check()
    content = pdf_bytes()
    page.get_by_label("Fichier").set_input_files(
        {"name": "convention.pdf", "mimeType": "application/pdf", "buffer": content}
    )
    page.get_by_role("button", name="Déposer", exact=True).click()
    page.get_by_text("Document déposé.").wait_for()
    assert page.locator("[data-piece=convention][data-present=oui]").count() == 1
    page.screenshot(path=artifacts / "dossier-filed.png", full_page=True)

    login(page, "asso")
    page.goto(f"{live_server.url}/projets/{project.pk}/espace-structure/")
    page.get_by_role("link", name="Documents partagés avec les structures").click()
    page.get_by_role("link", name="Convention de partenariat").wait_for()
    page.screenshot(path=artifacts / "dossier-structure.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="v1 · convention.pdf").click()
    assert download.value.suggested_filename == "convention.pdf"
    assert open(download.value.path(), "rb").read() == content
