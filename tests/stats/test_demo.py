"""The demo shows the statistics: sophie (C2RA Hauts-de-France) sees her region's ICs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())


def test_sophie_sees_her_region_in_figures(demo, client):
    client.force_login(User.objects.get(username="sophie"))
    response = client.get(reverse("stats:statistics"))
    assert response.status_code == 200
    shown = {item["figure"].key: item for item in response.context["figures"]}
    assert int(shown["structures"]["rows"][0][0]["text"]) > 0
    assert shown["annees"]["chart"] and shown["types"]["chart"]
    assert shown["sous-phases"]["rows"]
