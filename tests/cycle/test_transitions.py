"""Abandon, suspend and resume, step back; permissions; the database's own guard on states."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from cycle import services
from cycle.exceptions import TransitionRefused
from cycle.models import Project
from cycle.states import State

from .test_guards import bring_to


def test_suspend_then_resume_returns_to_the_same_sub_phase(project, charge_mission):
    bring_to(project, State.OBJECTIFS, charge_mission)

    services.suspend(project, by=charge_mission, reason="Attente du financement")
    project.refresh_from_db()
    assert (project.state, project.suspended_from) == (State.SUSPENDED, State.OBJECTIFS)
    assert project.closing_reason == "Attente du financement"

    services.resume(project, by=charge_mission)
    project.refresh_from_db()
    assert (project.state, project.suspended_from, project.closing_reason) == (
        State.OBJECTIFS, "", "",
    )
    logs = list(project.transition_logs.order_by("-pk")[:2])
    assert [(log.transition, log.source, log.target) for log in logs] == [
        ("resume", State.SUSPENDED, State.OBJECTIFS),
        ("suspend", State.OBJECTIFS, State.SUSPENDED),
    ]
    assert logs[1].comment == "Attente du financement"


@pytest.mark.parametrize("action", [services.suspend, services.abandon, services.step_back])
def test_reason_is_required(project, charge_mission, action):
    bring_to(project, State.CIBLAGE, charge_mission)
    count = project.transition_logs.count()

    with pytest.raises(TransitionRefused) as refused:
        action(project, by=charge_mission, reason="   ")

    assert refused.value.missing == ["Indiquez un motif."]
    project.refresh_from_db()
    assert project.state == State.CIBLAGE
    assert project.transition_logs.count() == count


def test_abandon_from_an_open_phase_and_from_suspension(project_factory, charge_mission):
    open_project = project_factory()
    services.abandon(open_project, by=charge_mission, reason="Structures démobilisées")
    open_project.refresh_from_db()
    assert open_project.state == State.ABANDONED
    assert open_project.closing_reason == "Structures démobilisées"

    paused = project_factory()
    services.suspend(paused, by=charge_mission, reason="Pause")
    services.abandon(paused, by=charge_mission, reason="Financement refusé")
    paused.refresh_from_db()
    assert paused.state == State.ABANDONED


def test_closed_or_abandoned_ic_accepts_no_transition(project, charge_mission):
    services.abandon(project, by=charge_mission, reason="Fin")
    for action in (services.advance, services.resume):
        with pytest.raises(TransitionRefused) as refused:
            action(project, by=charge_mission)
        assert "n'est pas possible depuis « Abandonnée »" in refused.value.missing[0]


def test_step_back_one_sub_phase(project, charge_mission):
    bring_to(project, State.ROLE_DLA, charge_mission)

    services.step_back(project, by=charge_mission, reason="Territoire à revoir")

    project.refresh_from_db()
    assert project.state == State.CIBLAGE
    log = project.transition_logs.latest("pk")
    assert (log.transition, log.source, log.target, log.comment) == (
        "step_back", State.ROLE_DLA, State.CIBLAGE, "Territoire à revoir",
    )


def test_no_step_back_from_the_first_sub_phase(project, charge_mission):
    with pytest.raises(TransitionRefused):
        services.step_back(project, by=charge_mission, reason="?")


def test_only_a_pilot_drives_the_cycle(project, other_charge_mission, c2ra_staff, admin_user):
    for outsider in (other_charge_mission, c2ra_staff):
        with pytest.raises(PermissionDenied):
            services.suspend(project, by=outsider, reason="Non")
    services.suspend(project, by=admin_user, reason="Admin")
    project.refresh_from_db()
    assert project.state == State.SUSPENDED


def test_state_cannot_be_assigned_directly(project):
    with pytest.raises(AttributeError):
        project.state = State.CLOSED


def test_database_refuses_an_unknown_state(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(state="n_importe_quoi")


def test_creation_is_logged_with_its_checklist(project, charge_mission):
    log = project.transition_logs.get()
    assert (log.transition, log.target, log.by) == ("create", State.PROBLEMATIQUE, charge_mission)
    assert project.checklist.count() == 46
    assert project.pilotages.get().is_referent
