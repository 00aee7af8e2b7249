"""No traceback ever: the French 500 and 503 pages, 400 for a bogus Host, the health checks."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from zeal import zeal_ignore

from accounts.models import Role
from tests.conftest import make_user

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a database server that goes away is a PostgreSQL fault; SQLite is a local file",
)


def anonymous():
    # Like a real server: an exception becomes the error page instead of failing the test.
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls_boom")
def test_a_failing_view_gives_the_french_500_page_without_traceback(settings, charge_mission):
    assert settings.DEBUG is False
    client = anonymous()
    client.force_login(charge_mission)
    response = client.get("/boum/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html
    assert "Traceback" not in html and "secret detail" not in html and "ValueError" not in html


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls_boom")
def test_a_database_error_in_a_view_gives_the_french_503_page(charge_mission):
    client = anonymous()
    client.force_login(charge_mission)
    response = client.get("/boum/base/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Service momentanément indisponible" in html
    assert "5432" not in html and "OperationalError" not in html


@pytest.mark.django_db
def test_a_bogus_host_header_is_answered_400(settings):
    settings.ALLOWED_HOSTS = ["ic.example.org"]
    client = anonymous()
    assert client.get(reverse("login"), HTTP_HOST="ic.example.org").status_code == 200
    for url in [reverse("login"), reverse("health"), "/"]:
        response = client.get(url, HTTP_HOST="evil.example.com")
        assert response.status_code == 400, url
        assert "Requête invalide" in response.content.decode()
        assert "evil.example.com" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_is_the_french_404(client, charge_mission):
    client.force_login(charge_mission)
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
def test_health_checks(django_assert_num_queries):
    client = anonymous()
    with django_assert_num_queries(2):
        response = client.get(reverse("health"))
    # The database's answer, then the workers' last beat (monographs.WorkerBeat, in the
    # database every host reads: one query). No worker in tests.
    assert (response.status_code, response.content) == (200, b"ok\nworker : aucun signe de vie")
    assert "no-cache" in response["Cache-Control"]
    with django_assert_num_queries(0):
        response = client.get(reverse("health_bare"))
    assert (response.status_code, response.content) == (200, b"ok")


def test_the_bare_health_check_needs_no_database():
    # no django_db mark: any query would raise
    response = anonymous().get(reverse("health_bare"))
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.fixture
def unreachable_database():
    """Point the connection at a closed port, as when PostgreSQL is stopped; then restore it."""
    saved = dict(connection.settings_dict)

    def cut():
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")

    def restore():
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)

    yield cut, restore
    restore()


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_database_outage_gives_503_and_the_app_recovers_by_itself(unreachable_database, dla):
    cut, restore = unreachable_database
    user = make_user("cm", Role.CHARGE_MISSION, dla)
    client = anonymous()
    client.force_login(user)
    assert client.get(reverse("cycle:home")).status_code == 200

    cut()
    # A failed session read is retried further down the same request: not an N+1.
    with zeal_ignore():
        for url in [reverse("cycle:home"), reverse("directory:structure_list"), reverse("health")]:
            response = client.get(url)
            assert response.status_code == 503, url
            assert "indisponible" in response.content.decode(), url
            assert "Traceback" not in response.content.decode()
        response = client.get(reverse("cycle:home"))
        assert "Service momentanément indisponible" in response.content.decode()
        # a sign-in attempt during the outage: the same page, not a traceback
        response = anonymous().post(reverse("login"), {"username": "cm", "password": "x"})
        assert response.status_code == 503

    restore()  # the server is back: no restart, the next request reconnects
    assert client.get(reverse("cycle:home")).status_code == 200
    assert client.get(reverse("health")).content.split(b"\n")[0] == b"ok"  # then the worker


@pytest.mark.django_db
def test_a_refused_csrf_token_gives_a_french_page_that_says_what_to_do(charge_mission):
    """Signing in from a second tab changes the token: the first tab's form is refused.

    The user must read, in French, that nothing was saved and how to go on, never
    Django's English « 403 Forbidden »."""
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    response = client.post(
        reverse("login"),
        {
            "username": charge_mission.username,
            "password": "motdepasse-test",
            "csrfmiddlewaretoken": "x" * 64,
        },
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulaire expiré" in html
    assert "n’a pas été enregistré" in html
    assert "Forbidden" not in html and "vérification CSRF" not in html.lower()
    assert '<html lang="fr"' in html
