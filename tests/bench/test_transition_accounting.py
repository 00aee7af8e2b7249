"""Concurrent transitions from threads on a few ICs, then the log-row accounting:
every transition that succeeded has exactly one TransitionLog row, every refused one none.
(The pytest version of `make bench-load`, at small scale.)"""

import itertools
import random
import threading
import time
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from accounts.models import User
from cycle import services
from cycle.exceptions import TransitionConflict, TransitionRefused
from cycle.models import Project
from cycle.states import PHASES
from demo import dataset
from workflows.models import TransitionLog

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write: true concurrency needs PostgreSQL (DATABASE_URL).",
    ),
]

THREADS, SECONDS = 8, 4.0


def test_every_successful_transition_has_one_log_row_and_refused_ones_none():
    dataset.generate("small", 1)
    admin = User.objects.get(username="gen-admin-0")
    targets = list(
        Project.objects.filter(state__in=[p.value for p in PHASES[1:]])
        .order_by("pk").values_list("pk", flat=True)[:4]
    )
    assert len(targets) >= 3
    before = TransitionLog.objects.order_by("-pk").values_list("pk", flat=True).first()
    successes, refusals = Counter(), Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def worker(seed):
        rng = random.Random(seed)
        try:
            while time.monotonic() < deadline:
                pk = rng.choice(targets)
                project = Project.objects.get(pk=pk)
                name = rng.choice(["advance", "step_back", "advance", "suspend", "resume"])
                try:
                    services.fire_from(project, name, by=admin, seen_state=project.state,
                                       comment="charge concurrente")
                    outcome = successes
                except (TransitionRefused, TransitionConflict, PermissionDenied):
                    outcome = refusals
                with lock:
                    outcome[pk] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 30)
    assert not any(thread.is_alive() for thread in threads)

    assert sum(successes.values()) > 0 and sum(refusals.values()) > 0
    logged = Counter(
        TransitionLog.objects.filter(pk__gt=before).values_list("object_id", flat=True)
    )
    assert logged == successes  # exactly one row per success, none per refusal
    for pk in targets:  # and the log still leads, row after row, to the IC's state
        logs = list(TransitionLog.objects.filter(project=pk).order_by("at", "pk"))
        for previous, log in itertools.pairwise(logs):
            assert log.source == previous.target
        assert logs[-1].target == Project.objects.get(pk=pk).state
