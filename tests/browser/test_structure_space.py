"""A chargée de mission invites a committed structure's contact from the IC's Acteurs tab;
the contact sets a password, signs in, sees the IC's « Espace structure », never its page."""

import re

import pytest
from django.core import mail

from cycle.models import Objective, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from tests.directory.factories import BeneficiaryStructureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "une phrase bien solide"


def mailed_link(address: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [address])
    return re.search(r"https?://\S+/comptes/invitation/\S+/", message.body).group(0)


def test_a_structure_contact_is_invited_and_sees_the_space_only(
    page, login, live_server, project, artifacts
):
    structure = BeneficiaryStructureFactory(name="Association Lumière")
    ProjectStructure.objects.create(
        project=project, structure=structure, status=ParticipationStatus.COMMITTED
    )
    Objective.objects.create(project=project, kind="operationnel", text="Mutualiser un local")
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/?onglet=acteurs")
    page.get_by_role("link", name="Contacts et accès à l'espace structure Association Lumière")\
        .click()
    page.get_by_label("Prénom").fill("Nora")
    page.locator("[name=last_name]").fill("Lumière")
    page.get_by_label("Courriel").fill("nora@lumiere.example")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.get_by_text("Invitation envoyée à nora@lumiere.example").wait_for()
    page.screenshot(path=artifacts / "structure-contact-invited.png", full_page=True)
    page.get_by_role("button", name="Se déconnecter").click()

    page.goto(mailed_link("nora@lumiere.example"))
    page.locator("[name=password1]").fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()

    assert page.get_by_text("Nora Lumière · Représentant·e de structure").is_visible()
    assert StructureContact.objects.get(user__username="nora@lumiere.example").structure \
        == structure
    page.get_by_role("link", name=project.title).click()
    page.get_by_role("heading", name=f"Espace structure · {project.title}").wait_for()
    assert page.get_by_text("Mutualiser un local").is_visible()
    assert page.get_by_text("Claire Martin").is_visible()  # her contact at the DLA
    page.screenshot(path=artifacts / "structure-space.png", full_page=True)

    response = page.goto(f"{live_server.url}/projets/{project.pk}/")
    assert response.status in {403, 404}
    page.screenshot(path=artifacts / "structure-space-ic-page-refused.png")
