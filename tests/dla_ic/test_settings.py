"""Production settings pass Django's deployment checks; development needs no set-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_check_deploy_has_no_warning_in_production():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY="x" * 30 + "-production-secret-key-for-the-test-0123456789",
        DJANGO_ALLOWED_HOSTS="ic.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/dla_ic",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", DJANGO_PRODUCTION="1", DJANGO_ALLOWED_HOSTS="ic.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/dla_ic",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production." in result.stderr


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "fr-fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_I18N and settings.USE_TZ
