"""The one transition log: any machine fired without a log of its own writes it there."""

from django.contrib.contenttypes.models import ContentType

from cycle import services
from cycle.states import State
from workflows import machines
from workflows.models import TransitionLog

ONE_LOG = services.CYCLE


def test_a_fired_transition_is_one_row_of_the_one_log(project, charge_mission):
    before = TransitionLog.objects.count()

    entry = machines.fire(
        ONE_LOG, project, "suspend", by=charge_mission, comment="En attente du financeur",
        details={"jusqu_au": "2027-01-15"},
    )

    assert TransitionLog.objects.count() == before + 1
    assert entry.subject == project
    assert entry.content_type == ContentType.objects.get_for_model(project)
    assert (entry.transition, entry.source, entry.target) == (
        "suspend", State.PROBLEMATIQUE, State.SUSPENDED,
    )
    assert (entry.by, entry.comment, entry.details) == (
        charge_mission, "En attente du financeur", {"jusqu_au": "2027-01-15"},
    )


def test_the_log_names_states_as_their_machine_declares_them(project, charge_mission):
    entry = machines.fire(ONE_LOG, project, "suspend", by=charge_mission, comment="Pause")

    assert entry.get_source_display() == State.PROBLEMATIQUE.label
    assert entry.get_target_display() == State.SUSPENDED.label
    assert str(entry) == f"{State.PROBLEMATIQUE.label} → {State.SUSPENDED.label}"
