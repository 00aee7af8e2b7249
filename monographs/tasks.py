"""Background work: building a carnet never happens inside a web request."""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .carnet import build_carnet_pdf
from .models import Carnet, CarnetStatus

logger = logging.getLogger(__name__)


def _update(carnet_pk, **fields):
    Carnet.objects.filter(pk=carnet_pk).update(heartbeat_at=timezone.now(), **fields)


@task()
def build_carnet(carnet_pk: int) -> int:
    carnet = Carnet.objects.select_related("requested_by").get(pk=carnet_pk)
    _update(carnet_pk, status=CarnetStatus.RUNNING, progress=0, error="")
    try:
        path, pages = build_carnet_pdf(carnet, lambda percent: _update(carnet_pk, progress=percent))
    except Exception as error:
        logger.exception("carnet %s failed", carnet_pk)
        _update(
            carnet_pk, status=CarnetStatus.FAILED, finished_at=timezone.now(),
            error=str(error)[:2000] or error.__class__.__name__,
        )
        raise
    _update(
        carnet_pk, status=CarnetStatus.DONE, progress=100, file=path.name, pages=pages,
        finished_at=timezone.now(),
    )
    return pages


def enqueue_carnet(carnet: Carnet) -> Carnet:
    """Queue (or re-queue) the carnet's build once the surrounding transaction commits."""
    Carnet.objects.filter(pk=carnet.pk).update(
        status=CarnetStatus.QUEUED, progress=0, error="", attempts=carnet.attempts + 1,
    )

    def send():
        result = build_carnet.enqueue(carnet.pk)
        Carnet.objects.filter(pk=carnet.pk).update(task_id=str(result.id))

    transaction.on_commit(send)
    carnet.refresh_from_db()
    return carnet
