"""Two transitions of one IC at the same moment: exactly one wins, the other gets a conflict."""

import threading

import pytest
from django.db import connection, connections

from cycle import services
from cycle.exceptions import TransitionConflict
from cycle.models import Project
from cycle.states import State
from workflows.models import TransitionLog

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write: true concurrency needs PostgreSQL (DATABASE_URL).",
    ),
]


def run_concurrently(project_pk, actions, by):
    """Load the IC in each thread, wait until all have loaded, then fire together."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def worker(index, action):
        try:
            project = Project.objects.get(pk=project_pk)
            barrier.wait(timeout=10)
            action(project, by)
            outcomes[index] = "ok"
        except TransitionConflict:
            outcomes[index] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def advance(project, by):
    services.advance(project, by=by, comment="en même temps")


def abandon(project, by):
    services.abandon(project, by=by, reason="en même temps")


@pytest.mark.parametrize("actions", [(advance, advance), (advance, abandon)], ids=["same", "different"])
def test_exactly_one_concurrent_transition_wins(project, charge_mission, actions):
    Project.objects.filter(pk=project.pk).update(problem_statement="P", problem_sources="S")

    outcomes = run_concurrently(project.pk, actions, charge_mission)

    assert sorted(outcomes) == ["conflict", "ok"]
    project.refresh_from_db()
    assert project.state in {State.CIBLAGE, State.ABANDONED}
    fired = TransitionLog.objects.filter(project=project).exclude(transition="create")
    assert fired.count() == 1
    assert fired.get().target == project.state
