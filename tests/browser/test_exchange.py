"""A chargée de mission writes to « avec les structures » with an attachment; the
structure's representative signs in, reads it from their « Espace structure », downloads the
attachment and answers; the chosen firm's intervenant does not see the thread."""

import pytest

from exchange.models import Message
from tests.exchange.factories import build_world, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chargée_writes_to_the_structures_who_answer(
    page,
    login,
    live_server,
    artifacts,
    charge_mission,
    other_charge_mission,
    c2ra_staff,
    admin_user,
):
    world = build_world(charge_mission, other_charge_mission, c2ra_staff, admin_user)
    project = world.project

    login(page, "cm")
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

    login(page, "nora")
    page.goto(f"{live_server.url}/projets/{project.pk}/espace-structure/")
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
    page.get_by_label("Message").fill("Merci, nous serons là.")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Message envoyé.").wait_for()
    assert page.get_by_test_id("message").count() == 2
    page.screenshot(path=artifacts / "exchange-structure-answers.png", full_page=True)
    reply = Message.objects.get(body="Merci, nous serons là.")
    assert reply.visibility == "structures" and reply.author.username == "nora"

    login(page, "ines")
    page.goto(f"{live_server.url}/projets/{project.pk}/echanges/")
    page.get_by_text("Aucune discussion pour l'instant.").wait_for()
    assert page.get_by_text("Prochain comité").count() == 0
