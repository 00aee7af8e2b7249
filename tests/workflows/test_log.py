"""The one transition log: any machine fired without a log of its own writes it there."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError
from django.utils import timezone

from cycle import services
from cycle.models import Project
from cycle.states import State
from grille import services as grille_services
from grille.models import Grille, GrilleStatus
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


def test_an_ic_or_a_grille_with_a_history_is_never_deleted(project, charge_mission):
    grille = Grille.objects.create(project=project, status=GrilleStatus.SUBMITTED)
    machines.fire(grille_services.GRILLE, grille, "validate", by=charge_mission)
    logs = TransitionLog.objects.count()

    for subject in (grille, project):
        with pytest.raises(ProtectedError):
            subject.delete()

    assert Grille.objects.filter(pk=grille.pk).exists()
    assert Project.objects.filter(pk=project.pk).exists()
    assert TransitionLog.objects.count() == logs


BEFORE = [("cycle", "0004_committee_capitalisation_opinion"),
          ("grille", "0003_phase_label_and_type_wording")]
AFTER = [("cycle", "0005_one_transition_log"), ("grille", "0004_one_transition_log")]


@pytest.fixture
def back_to_the_latest_schema():
    """Going back to BEFORE also unapplies every later migration: the tests after this one
    need them all again, whatever this one's assertions did."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_schema")
def test_the_former_logs_move_into_the_one_log_and_back(project, charge_mission):
    grille = Grille.objects.create(project=project, status=GrilleStatus.SUBMITTED)
    machines.fire(grille_services.GRILLE, grille, "validate", by=charge_mission)
    ours = list(TransitionLog.objects.order_by("pk").values_list(
        "object_id", "transition", "source", "target", "by", "at", "comment"))

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # back: the one log's rows return to the former tables
    old = executor.loader.project_state(BEFORE).apps
    old_ic, old_grille = old.get_model("cycle", "TransitionLog"), old.get_model(
        "grille", "GrilleTransitionLog")
    assert not TransitionLog.objects.exists()
    assert list(old_ic.objects.order_by("pk").values_list(
        "project", "transition", "source", "target", "by", "at", "comment")) == ours[:1]
    assert list(old_grille.objects.values_list(
        "grille", "transition", "source", "target", "by", "at", "comment")) == ours[1:]
    at = timezone.now()
    old_ic.objects.bulk_create([
        old_ic(project_id=project.pk, transition="suspend", source="problematique",
               target="suspendue", by_id=charge_mission.pk, at=at, comment="Pause"),
        old_ic(project_id=project.pk, transition="resume", source="suspendue",
               target="problematique", by_id=None, at=at, comment=""),
    ])

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)  # forth: every former row lands in the one log, in its order

    rows = list(TransitionLog.objects.filter(project=project).order_by("pk").values_list(
        "transition", "source", "target", "by", "at", "comment", "details"))
    assert rows == [
        (*ours[0][1:], {}),
        ("suspend", "problematique", "suspendue", charge_mission.pk, at, "Pause", {}),
        ("resume", "suspendue", "problematique", None, at, "", {}),
    ]
    # The subjects are today's models: read them with every later migration applied.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert [log.subject for log in TransitionLog.objects.filter(grille=grille)] == [grille]
    assert [log.transition for log in project.transition_logs.all()] == [
        "create", "suspend", "resume",
    ]
