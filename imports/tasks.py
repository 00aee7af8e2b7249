"""The import itself runs in the background worker, in one transaction: a failure at any
row leaves the base as it was."""

import logging

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django_tasks import task

from . import planning
from .kinds import KINDS
from .models import ImportJob, JobStatus

logger = logging.getLogger(__name__)


def _update(job_pk, **fields):
    ImportJob.objects.filter(pk=job_pk).update(**fields)


def _progress(job_pk):
    """Report the progress from inside the import's transaction. On PostgreSQL through a
    connection of its own, so the progress page sees it before the commit; SQLite allows
    one writer at a time: there the page shows « En cours » until the end."""
    if connection.vendor != "postgresql":
        return lambda percent: None
    table = ImportJob._meta.db_table

    def report(percent):
        side = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET progress = %s WHERE id = %s",  # noqa: S608 - our table
                    [percent, job_pk],
                )
        finally:
            side.close()

    return report


@task()
def run_import(job_pk: int) -> dict:
    job = ImportJob.objects.select_related("user").get(pk=job_pk)
    if job.status != JobStatus.QUEUED:  # run twice: imported once
        return job.counts
    _update(job_pk, status=JobStatus.RUNNING, progress=0)
    kind = KINDS[job.kind]
    try:
        with transaction.atomic():
            plan = planning.plan(kind, job.rows, job.mapping, job.user)
            if plan.has_errors:  # the base changed since the preview
                raise ValueError("des lignes sont devenues invalides depuis l'aperçu")
            counts = planning.apply(kind, plan, _progress(job_pk))
    except Exception as error:
        logger.exception("import %s failed", job_pk)
        _update(job_pk, status=JobStatus.FAILED, error=str(error)[:2000] or repr(error),
                finished_at=timezone.now())
        raise
    _update(job_pk, status=JobStatus.DONE, progress=100, counts=counts,
            finished_at=timezone.now())
    return counts
