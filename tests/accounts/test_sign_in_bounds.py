"""A sign-in attempt with an absurd username is counted, never a 500: the lock-out keeps at
most the longest username an account can have (its table holds 255 characters, and
PostgreSQL refuses more)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import User

LONGEST = User._meta.get_field("username").max_length


@pytest.mark.django_db
def test_a_thousand_character_username_is_refused_like_any_other(client):
    response = client.post(reverse("login"), {"username": "x" * 1001, "password": "0"})

    assert response.status_code == 200
    (attempt,) = AccessAttempt.objects.all()
    assert attempt.username == "x" * LONGEST
