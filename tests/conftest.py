"""Shared test fixtures: one organisation per level, one user per role, a project factory.

They are built by the factories of each app (tests/<app>/factories.py)."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.cycle.factories import ProjectFactory
from tests.directory.factories import OrganisationFactory

# Property tests judge the code, never the machine's speed: no deadline, no "too slow"
# health check (a busy CI machine made them fail for want of time, not of correctness).
settings.register_profile(
    "dla_ic", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("dla_ic")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Real hashing costs half a second per user; tests need no protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached lists are keyed on ids a rolled-back test may hand out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Generated documents and uploads go to a per-test folder, never to var/."""
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings.PRIVATE_ROOT


@pytest.fixture
def private_root(private_files):
    """This test's folder of generated documents and uploads."""
    return private_files


@pytest.fixture
def dla(db):
    return OrganisationFactory(name="DLA du Nord", departement_id="59", region_id="32")


@pytest.fixture
def other_dla(db):
    return OrganisationFactory(name="DLA de la Gironde", departement_id="33", region_id="75")


@pytest.fixture
def c2ra(db):
    return OrganisationFactory(regional=True, name="DLA régional Hauts-de-France", region_id="32")


def make_user(username, role, organisation=None, **extra):
    return UserFactory(username=username, role=role, organisation=organisation, **extra)


@pytest.fixture
def charge_mission(dla):
    return make_user("cm", Role.CHARGE_MISSION, dla, first_name="Claire", last_name="Martin")


@pytest.fixture
def other_charge_mission(other_dla):
    return make_user("cm2", Role.CHARGE_MISSION, other_dla)


@pytest.fixture
def c2ra_staff(c2ra):
    return make_user("c2ra", Role.C2RA, c2ra)


@pytest.fixture
def admin_user(db):
    return make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def project_factory(charge_mission):
    def create(**fields):
        fields.setdefault("by", charge_mission)
        return ProjectFactory(**fields)

    return create


@pytest.fixture
def project(project_factory):
    return project_factory()


# --- end-to-end tests in Debian's Chromium, driven by pytest-playwright

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} absent : installez le paquet Debian chromium pour les tests navigateur."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 1366, "height": 768}}


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def login(live_server):
    """Sign ``username`` in through the real login form."""

    def sign_in(page, username, password="motdepasse-test"):
        if page.url.startswith(live_server.url):  # someone else is signed in on this page
            # Let the page's fragments land first: one answered late would bring back the
            # previous user's CSRF cookie and the sign-in form would be refused (seen in CI).
            page.wait_for_load_state("networkidle")
            page.context.clear_cookies()
        page.goto(f"{live_server.url}/comptes/login/")
        page.get_by_label("Nom d’utilisateur").fill(username)
        page.get_by_label("Mot de passe").fill(password)
        # Wait for the answer to the POST itself: a later goto would otherwise cancel it
        # under load, and the next page would find nobody signed in.
        with page.expect_navigation():
            page.get_by_role("button", name="Se connecter").click()

    return sign_in


# --- N+1 detection: django-zeal watches every request any test makes


@pytest.fixture(scope="session")
def _zeal_patched():
    from django.apps import apps
    from zeal.constants import initialize_app_registry
    from zeal.patch import patch

    if not apps.is_installed("zeal"):  # its AppConfig.ready() would have patched already
        initialize_app_registry()
        patch()


@pytest.fixture(autouse=True)
def _zeal(_zeal_patched, settings):
    """An N+1 query pattern inside a request raises zeal.NPlusOneError.

    Only requests are watched: a test's own set-up loops (create ten ICs) are
    not page code and would be reported as false N+1s.
    """
    if "zeal.middleware.zeal_middleware" not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = ["zeal.middleware.zeal_middleware", *settings.MIDDLEWARE]
