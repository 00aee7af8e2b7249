"""Every user is French: pages are French whatever language the browser asks for."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cycle.models import BudgetTranche

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


@pytest.mark.django_db
def test_english_browser_gets_djangos_own_texts_in_french(client):
    response = client.post(reverse("login"), {"username": "", "password": ""}, **ENGLISH)

    assert response["Content-Language"] == "fr"
    assert "Ce champ est obligatoire." in response.text
    assert "This field is required." not in response.text


def test_english_browser_gets_french_number_formats(client, charge_mission, project):
    BudgetTranche.objects.create(
        project=project, label="Tranche unique", amount=Decimal("26400"), days=Decimal("12.5")
    )
    client.force_login(charge_mission)

    response = client.get(reverse("cycle:home"), **ENGLISH)

    assert response["Content-Language"] == "fr"
    text = response.text.replace("\u202f", " ").replace("\xa0", " ")
    assert "26 400,00 €" in text
    assert "26,400.00" not in text
    assert '<html lang="fr"' in text
