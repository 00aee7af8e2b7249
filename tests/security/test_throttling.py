"""Issue 13, point 6: sign-in and reset throttling that cannot be turned against users."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from tests.conftest import make_user

ATTACKER, OFFICE = "203.0.113.5", "198.51.100.7"


def sign_in(client, username, password, address=ATTACKER):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def users(charge_mission, admin_user):
    admin_user.email = "admin@example.org"
    admin_user.save()
    charge_mission.email = "claire@example.org"
    charge_mission.save()
    return make_user("mallory", Role.INTERVENANT), charge_mission, admin_user


@pytest.mark.django_db
def test_signing_into_ones_own_account_does_not_reset_the_address_count(users):
    client = Client()
    for _ in range(3):
        assert sign_in(client, "cm", "devine").status_code == 200
    assert sign_in(client, "mallory", "motdepasse-test").status_code == 302
    client.logout()
    for _ in range(2):
        sign_in(client, "admin", "devine")

    assert sign_in(client, "admin", "devine").status_code == 429


@pytest.mark.django_db
def test_nobody_can_lock_an_account_for_everyone(users):
    for _ in range(10):
        sign_in(Client(), "admin", "devine")

    assert sign_in(Client(), "admin", "motdepasse-test", address=OFFICE).status_code == 302


@pytest.mark.django_db
def test_a_locked_out_user_gets_in_through_a_reset_link(users):
    client = Client()
    for _ in range(5):
        sign_in(client, "cm", "devine", address=OFFICE)  # a colleague behind the same address
    assert sign_in(client, "cm", "motdepasse-test", address=OFFICE).status_code == 429

    client.post(reverse("password_reset"), {"email": "claire@example.org"}, REMOTE_ADDR=OFFICE)
    link = re.search(r"https?://[^/]+(/comptes/reset/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link, REMOTE_ADDR=OFFICE, follow=True)
    new = {"new_password1": "Un-nouveau-mot-2026", "new_password2": "Un-nouveau-mot-2026"}
    response = client.post(form.redirect_chain[-1][0], new, REMOTE_ADDR=OFFICE)

    assert response.status_code == 302
    assert client.get(reverse("cycle:home"), REMOTE_ADDR=OFFICE).status_code == 200


@pytest.mark.django_db
def test_password_reset_is_throttled_per_address(users):
    client = Client()
    statuses = [
        client.post(reverse("password_reset"), {"email": f"x{n}@example.org"},
                    REMOTE_ADDR=ATTACKER).status_code
        for n in range(10)
    ]
    client.post(reverse("password_reset"), {"email": "claire@example.org"}, REMOTE_ADDR=ATTACKER)

    assert statuses[:5] == [302] * 5 and statuses[5:] == [429] * 5
    assert len(mail.outbox) == 0
    response = client.post(
        reverse("password_reset"), {"email": "claire@example.org"}, REMOTE_ADDR=OFFICE
    )
    assert response.status_code == 302 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_password_reset_is_throttled_per_account(users):
    for number in range(10):
        Client().post(
            reverse("password_reset"), {"email": "admin@example.org"},
            REMOTE_ADDR=f"192.0.2.{number}",
        )

    assert len(mail.outbox) == 3
