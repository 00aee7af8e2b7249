"""The progress of a running import is seen by the progress page before the commit."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from imports import planning
from imports.models import ImportJob, JobStatus
from imports.tasks import run_import

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite: one writer at a time, progress shown at the end."),
]


def test_progress_is_visible_outside_the_import_transaction(charge_mission, monkeypatch):
    rows = [[f"Structure {i}", "culture", "59"] for i in range(25)]
    job = ImportJob.objects.create(
        user=charge_mission, kind="structures", file_name="s.csv", status=JobStatus.QUEUED,
        headers=["Nom", "Secteur", "Département"], rows=rows,
        mapping={"name": 0, "sector_id": 1, "departement_id": 2},
    )
    monkeypatch.setattr(planning, "BATCH", 10)
    seen = []
    real_apply = planning.apply

    def watching(kind, plan, on_progress):
        def report(percent):
            on_progress(percent)
            other = connections.create_connection(DEFAULT_DB_ALIAS)  # as the web page would
            with other.cursor() as cursor:
                cursor.execute("SELECT progress FROM imports_importjob WHERE id = %s", [job.pk])
                seen.append(cursor.fetchone()[0])
            other.close()

        return real_apply(kind, plan, report)

    monkeypatch.setattr(planning, "apply", watching)
    run_import.call(job.pk)
    assert seen == [40, 80, 99]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100
