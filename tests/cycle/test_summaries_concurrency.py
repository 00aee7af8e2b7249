"""Two writers of one IC's inputs at once: the summary row still equals its sources.

Each refresh computes its figures from what its transaction sees; without a lock, the
second writer counts before the first commits and stores a figure one short."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from cycle import summaries
from cycle.models import ProjectStructure, ProjectSummary
from tests.directory.factories import BeneficiaryStructureFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write: true concurrency needs PostgreSQL (DATABASE_URL).",
    ),
]


def test_two_structures_added_at_once_are_both_counted(project):
    first, second = BeneficiaryStructureFactory(), BeneficiaryStructureFactory()
    summaries.refresh([project.pk])
    first_saved, errors = threading.Event(), []

    def add_first():
        try:
            with transaction.atomic():
                ProjectStructure.objects.create(project=project, structure=first)
                first_saved.set()
                time.sleep(1)  # the second writer refreshes meanwhile
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    def add_second():
        try:
            first_saved.wait(timeout=10)
            with transaction.atomic():
                ProjectStructure.objects.create(project=project, structure=second)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add_first), threading.Thread(target=add_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert ProjectSummary.objects.get(project=project).structures_targeted == 2
    assert summaries.differences() == []
