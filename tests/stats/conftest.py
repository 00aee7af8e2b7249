import pytest

from tests.stats import dataset


@pytest.fixture
def known(charge_mission, other_charge_mission):
    return dataset.build(charge_mission=charge_mission, other_charge_mission=other_charge_mission)
