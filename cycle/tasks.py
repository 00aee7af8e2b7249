"""The reminders run by the django-tasks worker (``run_worker``), every
``TASK_REMINDERS_EVERY_MINUTES``: each run queues the next one. A timer or cron running
``send_reminders`` does the same; both together send nothing twice (the job is idempotent).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import reminders


@task()
def send_reminders() -> str:
    try:
        return str(reminders.run())
    finally:  # a failed run still keeps the chain going
        schedule_reminders(after=timedelta(minutes=settings.TASK_REMINDERS_EVERY_MINUTES))


def schedule_reminders(*, after=timedelta(0)) -> bool:
    """Queue a run ``after`` from now unless one already waits (another worker's chain, or
    one left by a worker stopped meanwhile): the chains never multiply. 0 minutes in the
    setting: the worker leaves reminders to the timer."""
    if not settings.TASK_REMINDERS_EVERY_MINUTES:
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=send_reminders.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    send_reminders.using(run_after=timezone.now() + after).enqueue()
    return True
