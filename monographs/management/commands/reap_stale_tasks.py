"""Marks as failed the carnets whose worker died: never left "running" for ever.

Run it at the worker's start and periodically (cron, systemd timer): a carnet
"en cours" whose heartbeat is older than TASK_STALE_AFTER_SECONDS ends "Échec"
with a French message, and its author can relaunch it. The queue's own record
of the task (django_tasks_db) is marked failed too.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from monographs.models import Carnet, CarnetStatus
from monographs.tasks import CARNET
from workflows import machines as workflow


class WorkerInterrupted(RuntimeError):
    """The worker running this task stopped without reporting (killed, machine restarted)."""


def reap_stale_carnets(now=None) -> int:
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS)
    message = _("Le traitement s'est interrompu.")
    with transaction.atomic():
        stale = list(Carnet.objects.select_for_update().filter(
            status=CarnetStatus.RUNNING, heartbeat_at__lt=cutoff
        ))
        for carnet in stale:  # each one's interruption in the one log, by nobody
            workflow.fire(CARNET, carnet, "interrupt", by=None, comment=message)
        task_ids = [carnet.task_id for carnet in stale if carnet.task_id]
        for result in DBTaskResult.objects.running().filter(id__in=task_ids):
            result.set_failed(WorkerInterrupted(message))
    return len(stale)


class Command(BaseCommand):
    help = "Marque en échec les carnets dont le traitement s'est interrompu."

    def handle(self, *args, **options):
        count = reap_stale_carnets()
        self.stdout.write(
            _("%(count)d carnet(s) interrompu(s) marqué(s) en échec.") % {"count": count}
        )
