""""Is admin" has one home, accounts.rules.is_admin: role admin or superuser, active."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role
from accounts.rules import is_admin
from tests.conftest import make_user


@pytest.mark.parametrize(
    ("role", "extra", "expected"),
    [
        (Role.ADMIN, {}, True),
        (Role.CHARGE_MISSION, {"is_superuser": True}, True),
        (Role.ADMIN, {"is_active": False}, False),
        (Role.CHARGE_MISSION, {}, False),
        (Role.C2RA, {}, False),
        (Role.INTERVENANT, {}, False),
    ],
)
def test_is_admin(dla, role, extra, expected):
    organisation = None if role == Role.ADMIN else dla
    assert is_admin(make_user("someone", role, organisation, **extra)) is expected


def test_anonymous_is_not_admin():
    assert is_admin(AnonymousUser()) is False
