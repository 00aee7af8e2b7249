import pytest

from .helpers import freeze


@pytest.fixture
def frozen_day(monkeypatch):
    return freeze(monkeypatch)
