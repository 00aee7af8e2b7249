"""Every URL × every role, generated from the URL conf so a new URL cannot escape.

Each app's expectations live in tests/access/<module>.py (ACCESS and SAMPLES);
a URL name missing from them fails ``test_every_url_has_an_access_entry``.
"""

import contextlib
import importlib
import pkgutil

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from zeal import zeal_ignore

from accounts.models import Role
from cycle import services
from cycle.models import ProjectPrestataire, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, Organisation, Prestataire, StructureContact
from tests import access
from tests.access.base import ROLES
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory

MODULES = [
    importlib.import_module(f"tests.access.{m.name}")
    for m in pkgutil.iter_modules(access.__path__)
    if m.name != "base" and not m.name.startswith("test_")
]
ACCESS = {name: entry for module in MODULES for name, entry in module.ACCESS.items()}
SAMPLES = {key: build for module in MODULES for key, build in module.SAMPLES.items()}


def url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_an_access_entry():
    # The admin guards itself (staff only); a few of its pages are sampled in access/admin.py.
    names = {name for name in url_names() if not name.startswith("admin:")}
    assert sorted(names - set(ACCESS)) == []
    assert sorted(set(ACCESS) - names - {n for n in ACCESS if n.startswith("admin:")}) == []


def test_every_entry_covers_every_role():
    for name, entry in ACCESS.items():
        assert set(entry.get) == set(ROLES), name
        if entry.post is not None:
            assert set(entry.post) == set(ROLES), name


@pytest.fixture
def world(db, charge_mission, other_charge_mission, c2ra_staff, admin_user, dla):
    """The users of every role and the sample objects the access tables refer to."""
    alpha = Prestataire.objects.create(name="Cabinet Alpha")
    beta = Prestataire.objects.create(name="Cabinet Beta")
    users = {
        "anonymous": None,
        "charge_mission": charge_mission,
        "other_charge_mission": other_charge_mission,
        "c2ra": c2ra_staff,
        "intervenant": make_user("interv", Role.INTERVENANT),
        "other_intervenant": make_user("interv2", Role.INTERVENANT),
        "admin": admin_user,
        "structure": make_user("asso", Role.STRUCTURE),
        "other_structure": make_user("asso2", Role.STRUCTURE),
    }
    Intervenant.objects.create(
        prestataire=alpha, first_name="Inès", last_name="Alpha", user=users["intervenant"]
    )
    Intervenant.objects.create(
        prestataire=beta, first_name="Bruno", last_name="Beta", user=users["other_intervenant"]
    )
    project = services.create_project(by=charge_mission, title="IC témoin")
    ProjectPrestataire.objects.create(project=project, prestataire=alpha)
    # ``structure`` speaks for a structure committed to the sample IC; ``other_structure``
    # for one committed to another DLA's IC only.
    other_project = services.create_project(by=other_charge_mission, title="IC voisine")
    for user, ic in ((users["structure"], project), (users["other_structure"], other_project)):
        structure = BeneficiaryStructureFactory()
        ProjectStructure.objects.create(
            project=ic, structure=structure, status=ParticipationStatus.COMMITTED
        )
        StructureContact.objects.create(structure=structure, user=user)
    samples = {"project": project, "organisation": Organisation.objects.get(pk=dla.pk)}
    for key, build in SAMPLES.items():
        samples[key] = build(samples)
    return users, samples


def resolve_url(name, entry, samples):
    kwargs = {}
    for arg, ref in entry.kwargs.items():
        kwargs[arg] = ref.removeprefix("literal:") if ref.startswith("literal:") else samples[ref].pk
    return reverse(name, kwargs=kwargs)


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


CASES = [(name, role) for name in sorted(ACCESS) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_get(client, world, name, role):
    users, samples = world
    entry = ACCESS[name]
    if users[role] is not None:
        client.force_login(users[role])
    url = resolve_url(name, entry, samples)
    before = row_counts()

    # Django's own reset view looks the user up again after the middleware did: not our N+1.
    quiet = zeal_ignore() if name == "password_reset_confirm" else contextlib.nullcontext()
    with quiet:
        response = client.get(url)

    assert response.status_code == entry.get[role], f"GET {url} as {role}"
    if role != "anonymous" and response.status_code == 200:  # nothing confidential is cached
        assert {"private", "no-store"} <= set(
            part.strip() for part in response.get("Cache-Control", "").split(",")
        ), f"GET {url} as {role}: Cache-Control {response.get('Cache-Control')!r}"
    if response.status_code == 302 and role == "anonymous" and not name.startswith("admin:"):
        assert response.url.startswith(reverse(settings.LOGIN_URL))
    assert row_counts() == before, f"GET {url} as {role} wrote to the database"


POST_CASES = [(n, r) for n, r in CASES if ACCESS[n].post is not None]


@pytest.mark.parametrize(("name", "role"), POST_CASES, ids=[f"{n}-{r}" for n, r in POST_CASES])
def test_post(client, world, name, role):
    users, samples = world
    entry = ACCESS[name]
    if users[role] is not None:
        client.force_login(users[role])

    response = client.post(resolve_url(name, entry, samples), entry.data)

    assert response.status_code == entry.post[role], f"POST {name} as {role}"


CSRF_CASES = [
    (name, role) for name, role in POST_CASES
    if role != "anonymous" and ACCESS[name].post[role] in {200, 201, 204, 302}
]


@pytest.mark.parametrize(("name", "role"), CSRF_CASES, ids=[f"{n}-{r}" for n, r in CSRF_CASES])
def test_post_without_csrf_token_is_refused(world, name, role):
    """Every state-changing view refuses a POST that lacks the CSRF token."""
    users, samples = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[role])
    before = row_counts()

    response = client.post(resolve_url(name, ACCESS[name], samples), ACCESS[name].data)

    assert response.status_code == 403, f"POST {name} as {role} without a CSRF token"
    assert row_counts() == before
