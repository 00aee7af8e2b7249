"""Issue 13, point 5: request bodies are capped before they are read."""

import io

from django.conf import settings
from django.urls import reverse


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = readline = read


def test_settings_cap_bodies_and_uploads():
    assert settings.MAX_REQUEST_BODY_SIZE == 12 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 10


def test_a_200_mb_upload_is_refused_unread(client, charge_mission):
    client.force_login(charge_mission)
    response = client.generic(
        "POST", reverse("cycle:project_create"), b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024), **{"wsgi.input": Unreadable()},
    )

    assert response.status_code == 413
    assert "trop volumineuse" in response.content.decode()


def test_an_anonymous_oversized_post_is_refused_too(client):
    response = client.generic(
        "POST", reverse("login"), b"", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY_SIZE + 1), **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413


def test_a_body_under_the_cap_goes_through(client, charge_mission):
    client.force_login(charge_mission)
    assert client.post(reverse("cycle:project_create"), {"title": "x"}).status_code == 200
