"""Shared test fixtures: one organisation per level, one user per role, a project factory."""

import pytest

from accounts.models import Role, User
from cycle import services
from directory.models import Organisation


@pytest.fixture
def dla(db):
    return Organisation.objects.create(
        kind="dla", name="DLA du Nord", departement_id="59", region_id="32"
    )


@pytest.fixture
def other_dla(db):
    return Organisation.objects.create(
        kind="dla", name="DLA de la Gironde", departement_id="33", region_id="75"
    )


@pytest.fixture
def c2ra(db):
    return Organisation.objects.create(kind="c2ra", name="DLA régional Hauts-de-France", region_id="32")


def make_user(username, role, organisation=None, **extra):
    return User.objects.create_user(
        username=username, password="motdepasse-test", role=role, organisation=organisation,
        **extra,
    )


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
        fields.setdefault("title", "Pérenniser des emplois")
        by = fields.pop("by", charge_mission)
        return services.create_project(by=by, **fields)

    return create


@pytest.fixture
def project(project_factory):
    return project_factory()
