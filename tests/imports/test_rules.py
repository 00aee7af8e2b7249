"""Who imports what, and the directory's « Importer » link."""

from html import unescape

import pytest
from django.urls import reverse

from accounts.models import Role
from imports.kinds import KINDS
from tests.conftest import make_user


@pytest.fixture
def people(charge_mission, other_charge_mission, c2ra_staff, admin_user):
    return {
        "cm": charge_mission, "cm2": other_charge_mission, "c2ra": c2ra_staff,
        "admin": admin_user, "interv": make_user("interv", Role.INTERVENANT),
        "asso": make_user("asso", Role.STRUCTURE),
    }


EXPECTED = {  # kind -> who may import it
    "structures": {"cm", "cm2", "c2ra", "admin"},
    "partenaires": {"cm", "cm2", "c2ra", "admin"},
    "prestataires": {"c2ra", "admin"},
    "intervenants": {"c2ra", "admin"},
    "utilisateurs": {"c2ra", "admin"},
    "ic-passees": {"c2ra", "admin"},
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_who_imports_which_kind(people, kind):
    allowed = {n for n, u in people.items() if u.has_perm("imports.import_kind", KINDS[kind])}
    assert allowed == EXPECTED[kind]


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_templates_follow_the_same_rule(client, people, kind):
    for name, user in people.items():
        client.force_login(user)
        response = client.get(reverse("imports:template", args=[kind]))
        assert response.status_code == (200 if name in EXPECTED[kind] else 403), name


def test_a_charge_de_mission_cannot_start_a_firms_import(client, charge_mission):
    client.force_login(charge_mission)
    response = client.post(reverse("imports:start"), {"kind": "prestataires"})
    assert "Sélectionnez un choix valide" in unescape(response.content.decode())


@pytest.mark.parametrize(("name", "shown"), [("cm", True), ("c2ra", True), ("admin", True)])
def test_the_directory_links_to_the_import(client, people, name, shown):
    client.force_login(people[name])
    page = client.get(reverse("directory:structure_list")).content.decode()
    assert (f'href="{reverse("imports:start")}"' in page) == shown
