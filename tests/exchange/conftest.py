import pytest

from tests.exchange.factories import build_world


@pytest.fixture
def world(db, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    return build_world(charge_mission, other_charge_mission, c2ra_staff, admin_user)
