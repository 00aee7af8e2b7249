"""Bringing people in without /admin/: a C2RA creates a DLA and invites its first chargée,
who accepts from the mail's link; a chargée adds a firm's intervenant, who accepts."""

import re

import pytest
from django.core import mail

from accounts.models import User
from directory.models import Intervenant
from tests.directory.factories import PrestataireFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "une phrase bien solide"


def mailed_link(address: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [address])
    return re.search(r"https?://\S+/comptes/invitation/\S+/", message.body).group(0)


def accept(page, link, *, last_name=None):
    page.goto(link)
    if last_name:
        page.locator("[name=last_name]").fill(last_name)
    page.locator("[name=password1]").fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()


def test_a_c2ra_creates_a_dla_and_invites_its_chargée_who_accepts(
    page, login, live_server, c2ra_staff
):
    login(page, "c2ra")
    page.get_by_role("link", name="Équipe").click()
    page.get_by_role("link", name="Nouveau DLA").click()
    page.get_by_label("Nom du DLA").fill("DLA du Pas-de-Calais")
    page.get_by_label("Structure porteuse").fill("France Active Pas-de-Calais")
    page.get_by_label("Département").select_option("62")
    page.get_by_role("button", name="Créer le DLA").click()
    page.get_by_text("Invitez sa première").wait_for()

    page.get_by_label("Prénom").fill("Léa")
    page.locator("[name=last_name]").fill("Petit")
    page.get_by_label("Courriel").fill("lea@example.org")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.get_by_text("Invitation envoyée à lea@example.org").wait_for()
    page.get_by_role("button", name="Se déconnecter").click()

    accept(page, mailed_link("lea@example.org"))

    assert page.url == f"{live_server.url}/"
    assert page.get_by_text("Léa Petit · Chargé·e de mission").is_visible()
    lea = User.objects.get(username="lea@example.org")
    assert lea.organisation.name == "DLA du Pas-de-Calais" and lea.organisation.region_id == "32"


def test_a_chargée_adds_an_intervenant_with_email_who_accepts(
    page, login, live_server, charge_mission
):
    firm = PrestataireFactory(name="Cabinet Gamma")
    login(page, "cm")
    page.goto(f"{live_server.url}/annuaire/prestataires/{firm.pk}/")
    page.get_by_role("link", name="Ajouter un intervenant").click()
    page.get_by_label("Prénom").fill("Inès")
    page.locator("[name=last_name]").fill("Durand")
    page.get_by_label("Courriel").fill("ines@gamma.fr")
    assert page.get_by_label("Lui envoyer une invitation").is_checked()
    page.get_by_role("button", name="Ajouter l'intervenant").click()
    page.get_by_text("invité·e à créer son compte").wait_for()
    page.get_by_role("button", name="Se déconnecter").click()

    accept(page, mailed_link("ines@gamma.fr"))

    assert page.url == f"{live_server.url}/"
    assert page.get_by_text("Inès Durand · Intervenant·e d'un prestataire").is_visible()
    intervenant = Intervenant.objects.get(prestataire=firm)
    assert intervenant.user.username == "ines@gamma.fr"
