"""Building an audit bundle in the background (the DB task backend), like the carnets.

Idempotent: only a queued bundle is taken (a conditional update), so a task run twice, or
a duplicate in the queue, builds nothing twice.
"""

import hashlib
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from dla_ic.storage import private_storage

from .bundle import bundle_name, write_bundle
from .models import AuditBundle, BundleStatus

logger = logging.getLogger(__name__)


def _file_sha256(name: str) -> str:
    digest = hashlib.sha256()
    with private_storage().open(name, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _update(bundle_pk, **fields):
    AuditBundle.objects.filter(pk=bundle_pk).update(**fields)


@task()
def build_audit_bundle(bundle_pk: int) -> bool:
    taken = AuditBundle.objects.filter(pk=bundle_pk, status=BundleStatus.QUEUED).update(
        status=BundleStatus.RUNNING, started_at=timezone.now()
    )
    if not taken:
        return False
    bundle = AuditBundle.objects.select_related("project", "requested_by").get(pk=bundle_pk)
    try:
        name, count = write_bundle(bundle, on_progress=lambda percent: _update(
            bundle_pk, progress=percent
        ))
    except Exception as error:
        logger.exception("audit bundle %s failed", bundle_pk)
        _update(bundle_pk, status=BundleStatus.FAILED, finished_at=timezone.now(),
                error=str(error)[:2000] or error.__class__.__name__)
        raise
    bundle.file = name
    stored = bundle_name(bundle)
    _update(bundle_pk, status=BundleStatus.DONE, progress=100, file=name, files_count=count,
            size=private_storage().size(stored), sha256=_file_sha256(stored),
            finished_at=timezone.now())
    return True


def enqueue_bundle(bundle: AuditBundle) -> None:
    """Queue the build once the surrounding transaction commits."""

    def send():
        result = build_audit_bundle.enqueue(bundle.pk)
        AuditBundle.objects.filter(pk=bundle.pk).update(task_id=str(result.id))

    transaction.on_commit(send)
