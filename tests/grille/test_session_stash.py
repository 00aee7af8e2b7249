"""Issue 13, point 5: anonymous POSTs to a grille part cannot fill the session table."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from .test_filling import part_url


def big_part(grille):
    return {"version": grille.version, "strengths": "x" * 4000, "weaknesses": "y" * 4000}


def test_anonymous_posts_store_nothing(ic, grille):
    for _ in range(5):
        response = Client().post(part_url(ic, 3), big_part(grille))
        assert response.status_code == 302
    assert Session.objects.count() == 0


def test_a_forged_session_cookie_stores_nothing(ic, grille):
    browser = Client()
    browser.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    browser.post(part_url(ic, 3), big_part(grille))
    assert Session.objects.count() == 0


@pytest.mark.parametrize("replays", [1, 5])
def test_an_expired_sign_in_stashes_once(ic, grille, intervenant, replays):
    browser = Client()
    browser.force_login(intervenant)
    expired = browser.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(minutes=1))
    for _ in range(replays):
        replay = Client()
        replay.cookies[settings.SESSION_COOKIE_NAME] = expired
        replay.post(part_url(ic, 3), big_part(grille))
    # The expired row is consumed; a single new (anonymous) session holds the stash.
    assert Session.objects.count() == 1
    assert not Session.objects.filter(session_key=expired).exists()
