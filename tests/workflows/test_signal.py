"""``transition_fired``: sent once per fired transition, with its log, inside the transaction;
never for a refused one (what the notifications hear)."""

import pytest

from cycle import services
from cycle.exceptions import TransitionRefused
from cycle.models import Project
from workflows.signals import transition_fired


@pytest.fixture
def heard():
    calls = []

    def receiver(sender, *, instance, log, **kwargs):
        calls.append((sender, instance.pk, log.transition, log.target))

    transition_fired.connect(receiver, dispatch_uid="test-signal")
    yield calls
    transition_fired.disconnect(dispatch_uid="test-signal")


def test_a_fired_transition_is_heard_once_with_its_log(project, charge_mission, heard):
    log = services.suspend(project, by=charge_mission, reason="Pause")

    assert heard == [(Project, project.pk, "suspend", log.target)]


def test_a_refused_transition_is_not_heard(project, charge_mission, heard):
    with pytest.raises(TransitionRefused):
        services.suspend(project, by=charge_mission, reason="")  # a reason is required

    assert heard == []
