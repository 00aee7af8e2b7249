"""Background work: building a carnet never happens inside a web request.

The build's steps are the carnet's declared transitions (monographs.models.Carnet), fired
through ``CARNET`` and logged in the one log: by nobody (the worker) or by the person who
relaunches it. Progress and heartbeat are written beside them by plain updates.
"""

import logging
from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from workflows import machines as workflow

from .carnet import build_carnet_pdf
from .models import Carnet

logger = logging.getLogger(__name__)

CARNET = workflow.Machine(
    field="status",
    refused=_("« %(action)s » n'est pas possible pour un carnet « %(state)s »."),
    forbidden=_("Vous ne pouvez pas faire cette action sur ce carnet."),
    # never the whole row: the worker's progress and heartbeat are written meanwhile
    fields=("progress", "error", "file", "pages", "heartbeat_at", "finished_at"),
)


def _update(carnet_pk, **fields):
    Carnet.objects.filter(pk=carnet_pk).update(heartbeat_at=timezone.now(), **fields)


@task()
def build_carnet(carnet_pk: int) -> int:
    carnet = Carnet.objects.select_related("requested_by").get(pk=carnet_pk)
    workflow.fire(CARNET, carnet, "start", by=None)

    def on_progress(percent):
        carnet.progress = percent  # the transition that ends the build saves it as it is
        _update(carnet_pk, progress=percent)

    try:
        name, pages = build_carnet_pdf(carnet, on_progress)
    except Exception as error:
        logger.exception("carnet %s failed", carnet_pk)
        workflow.fire(
            CARNET, carnet, "fail", by=None,
            comment=str(error)[:2000] or error.__class__.__name__,
        )
        raise
    carnet.file, carnet.pages = PurePosixPath(name).name, pages
    workflow.fire(CARNET, carnet, "finish", by=None)
    return pages


def enqueue_carnet(carnet: Carnet) -> Carnet:
    """Queue (or re-queue) the carnet's build once the surrounding transaction commits."""
    Carnet.objects.filter(pk=carnet.pk).update(attempts=carnet.attempts + 1)

    def send():
        result = build_carnet.enqueue(carnet.pk)
        Carnet.objects.filter(pk=carnet.pk).update(task_id=str(result.id))

    transaction.on_commit(send)
    carnet.refresh_from_db()
    return carnet
