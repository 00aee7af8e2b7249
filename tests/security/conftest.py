"""Production's security settings, read from dla_ic/settings.py itself, for tests in-process."""

import runpy
from pathlib import Path

import pytest

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "dla_ic" / "settings.py"
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "TRUSTED_PROXY_COUNT",
]


@pytest.fixture(scope="session")
def production_settings():
    """The module's globals as DJANGO_PRODUCTION=1 makes them (no database is opened)."""
    environment = {
        "DJANGO_PRODUCTION": "1",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "ic.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/dla_ic",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name in list(__import__("os").environ):
            if name.startswith("DJANGO_"):
                patch.delenv(name)
        for name, value in environment.items():
            patch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))


@pytest.fixture
def production(settings, production_settings):
    """This test runs with production's security settings, on the test's own database."""
    for name in SECURITY_SETTINGS:
        setattr(settings, name, production_settings[name])
    settings.ALLOWED_HOSTS = ["ic.example.org", "testserver"]
    return settings
