import pytest

from imports import reading, services
from imports.kinds import KINDS


@pytest.fixture
def plan_of():
    """The plan of ``rows`` (headers first) for ``user``, mapped as proposed."""
    from imports import planning

    def make(rows, user, kind="structures"):
        declared = KINDS[kind]
        mapping = services.propose_mapping(declared, [str(h) for h in rows[0]], user)
        body = [list(row) + [None] * (len(rows[0]) - len(row)) for row in rows[1:]]
        return planning.plan(declared, body, mapping, user)

    return make


@pytest.fixture
def sheet_of():
    return reading.read
