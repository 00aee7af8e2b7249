"""Security headers and cookie flags, as a browser receives them."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User

HTTPS = {"secure": True, "HTTP_X_FORWARDED_PROTO": "https"}


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def test_production_settings_are_strict(production_settings):
    s = production_settings
    assert s["DEBUG"] is False
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SESSION_COOKIE_HTTPONLY"] and s["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert s["SESSION_COOKIE_AGE"] <= 8 * 3600 and s["SESSION_REFRESH_INTERVAL"] <= 60
    assert "dla_ic.middleware.SlidingSessionMiddleware" in s["MIDDLEWARE"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_behind_the_proxy(production):
    response = Client().get("/comptes/login/", HTTP_HOST="ic.example.org")
    assert response.status_code == 301
    assert response["Location"] == "https://ic.example.org/comptes/login/"


@pytest.mark.django_db
def test_headers_on_a_page_in_production(production):
    response = Client().get(reverse("login"), **HTTPS)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_content_security_policy_forbids_inline_script():
    response = Client().get(reverse("login"))
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no nonce
    assert csp["style-src"] == ["'self'"]
    assert csp["style-src-elem"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    # htmx must not evaluate code nor inject a <style> element
    html = response.content.decode()
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html


@pytest.mark.django_db
def test_no_template_served_has_an_inline_script(client, charge_mission, project):
    client.force_login(charge_mission)
    for url in [
        reverse("cycle:home"),
        reverse("cycle:project_detail", args=[project.pk]),
        reverse("cycle:project_create"),
        reverse("cycle:project_update", args=[project.pk]),
    ]:
        html = client.get(url).content.decode()
        for chunk in html.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag or 'type="application/json"' in tag, f"{url}: <script{tag}>"
        assert " hx-on" not in html and "onclick=" not in html, url


@pytest.mark.django_db
def test_session_and_csrf_cookies_flags_in_production(production, charge_mission):
    client = Client()
    page = client.get(reverse("login"), **HTTPS)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"

    response = client.post(
        reverse("login"), {"username": "cm", "password": "motdepasse-test"}, **HTTPS
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert int(session["max-age"]) == 8 * 3600


@pytest.mark.django_db
def test_cookie_flags_in_development(client, charge_mission):
    response = client.post(reverse("login"), {"username": "cm", "password": "motdepasse-test"})
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert User.objects.get(username="cm").last_login is not None


@pytest.mark.django_db
def test_health_probes_in_plain_http_are_not_redirected(production, production_settings):
    production.SECURE_REDIRECT_EXEMPT = production_settings["SECURE_REDIRECT_EXEMPT"]
    client = Client()
    for name in ("health", "health_bare"):
        response = client.get(reverse(name), HTTP_HOST="ic.example.org")
        # /sante/ adds the worker's heartbeat on a second line
        assert (response.status_code, response.content.split(b"\n")[0]) == (200, b"ok"), name
