"""The whole chain, in the browser: a chargée de mission invites a committed structure's
contact from the IC's Acteurs tab; the contact opens the mailed link and sets a password; the
chargée writes to « avec les structures » with an attachment; the contact signs in, reads it
from their « Espace structure », downloads the attachment and answers; the chosen firm's
intervenant sees neither the thread nor the attachment."""

import re

import pytest
from django.core import mail

from accounts.models import Role
from cycle.models import ProjectPrestataire, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, Prestataire, StructureContact
from exchange.models import Message
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory
from tests.exchange.factories import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "une phrase bien solide"
CONTACT = "nora@lumiere.example"


def mailed_link(address: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [address])
    return re.search(r"https?://\S+/comptes/invitation/\S+/", message.body).group(0)


def invite_contact(page, live_server, project):
    """The chargée, from the Acteurs tab, invites the structure's contact by e-mail."""
    page.goto(f"{live_server.url}/projets/{project.pk}/?onglet=acteurs")
    page.get_by_role("link", name="Contacts et accès à l'espace structure Association Lumière")\
        .click()
    page.get_by_label("Prénom").fill("Nora")
    page.locator("[name=last_name]").fill("Lumière")
    page.get_by_label("Courriel").fill(CONTACT)
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.get_by_text(f"Invitation envoyée à {CONTACT}").wait_for()


def accept_invitation(page):
    """The contact, signed out, opens the mailed link and sets a password."""
    page.goto(mailed_link(CONTACT))
    page.locator("[name=password1]").fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Créer mon compte").click()
    page.get_by_text("Nora Lumière · Représentant·e de structure").wait_for()


def write_to_the_structures(page, live_server, project):
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    page.get_by_test_id("exchange-link").click()
    page.get_by_label("Sujet").fill("Prochain comité")
    page.get_by_label("Message").fill("Bonjour, voici l'ordre du jour : https://example.org/odj")
    page.get_by_label("Visible par").select_option(label="Avec les structures")
    page.get_by_label("Pièces jointes").set_input_files(
        {"name": "ordre-du-jour.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Discussion ouverte.").wait_for()


def test_a_chargée_invites_a_contact_writes_to_the_structures_who_answer(
    page, login, live_server, artifacts, project
):
    structure = BeneficiaryStructureFactory(name="Association Lumière")
    ProjectStructure.objects.create(
        project=project, structure=structure, status=ParticipationStatus.COMMITTED
    )
    firm = Prestataire.objects.create(name="Cabinet Alpha")
    ines = make_user("ines", Role.INTERVENANT)
    Intervenant.objects.create(prestataire=firm, first_name="Inès", last_name="A", user=ines)
    ProjectPrestataire.objects.create(project=project, prestataire=firm)  # the chosen firm

    login(page, "cm")
    invite_contact(page, live_server, project)
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()
    accept_invitation(page)
    assert StructureContact.objects.get(user__username=CONTACT).structure == structure

    login(page, "cm")
    write_to_the_structures(page, live_server, project)

    login(page, CONTACT, PASSWORD)
    page.get_by_role("link", name=project.title).click()  # their home lists the IC
    page.get_by_role("heading", name=f"Espace structure · {project.title}").wait_for()
    link = page.get_by_test_id("exchange-link")
    assert "1" in link.inner_text()  # one unread
    link.click()
    page.get_by_role("link", name="Prochain comité").click()
    message = page.get_by_test_id("message").first
    assert "voici l'ordre du jour" in message.inner_text()
    assert message.get_by_role("link", name="https://example.org/odj").get_attribute("rel") == (
        "nofollow noopener"
    )
    with page.expect_download() as download:
        page.get_by_test_id("attachment").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert open(download.value.path(), "rb").read() == pdf_bytes()
    page.get_by_label("Message").fill("Merci, nous serons là.")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Message envoyé.").wait_for()
    assert page.get_by_test_id("message").count() == 2
    page.screenshot(path=artifacts / "exchange-structure-answers.png", full_page=True)
    first = Message.objects.get(body__startswith="Bonjour, voici")
    reply = Message.objects.get(body="Merci, nous serons là.")
    assert reply.visibility == "structures" and reply.author.username == CONTACT
    assert reply.thread_id == first.thread_id

    login(page, "ines")
    page.goto(f"{live_server.url}/projets/{project.pk}/echanges/")
    page.get_by_text("Aucune discussion pour l'instant.").wait_for()
    assert page.get_by_text("Prochain comité").count() == 0
    thread = page.goto(f"{live_server.url}/projets/{project.pk}/echanges/{first.thread_id}/")
    assert thread.status == 404 and "voici l'ordre du jour" not in page.content()
    attachment = page.request.get(
        f"{live_server.url}/echanges/pieces-jointes/{first.attachments.get().pk}/"
    )
    assert attachment.status == 404 and not attachment.body().startswith(b"%PDF")
