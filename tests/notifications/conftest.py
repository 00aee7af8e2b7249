"""People around one IC piloted by the DLA du Nord and its regional C2RA (Hauts-de-France)."""

import pytest

from accounts.models import Role
from cycle import services as cycle
from tests.conftest import make_user
from tests.directory.factories import OrganisationFactory
from tests.tenders.conftest import (  # noqa: F401 (fixtures: a call with two firms)
    alpha,
    alpha_user,
    beta,
    beta_user,
    issued,
    open_call,
)


@pytest.fixture
def colleague(dla):
    """A second chargé de mission of the piloting DLA."""
    return make_user("cm-b", Role.CHARGE_MISSION, dla, email="bruno@dla-nord.example.org")


@pytest.fixture
def far_c2ra_staff(db):
    """C2RA staff of another region: never hears of the IC."""
    far = OrganisationFactory(regional=True, name="C2RA Nouvelle-Aquitaine", region_id="75")
    return make_user("c2ra-loin", Role.C2RA, far, email="loin@c2ra.example.org")


@pytest.fixture
def piloted(charge_mission, dla, c2ra):
    """An IC piloted by the DLA and its C2RA."""
    return cycle.create_project(by=charge_mission, organisations=[dla, c2ra], title="IC du Nord")


def recipients_of(kind):
    from notifications.models import Notification

    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Run the commit callbacks (the e-mails) as a committed request would."""
    return django_capture_on_commit_callbacks
