"""django-tasks' database worker (``db_worker``), with a heartbeat /sante/ and the carnets read;
it also runs the reminders periodically (``cycle.tasks``).

Same options as ``db_worker``; run this one so the pages can tell a queued
carnet that no worker will pick up (« en attente d'un worker »).
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from cycle.tasks import schedule_reminders
from monographs.worker import keep_beating


class Command(DatabaseWorkerCommand):
    help = (
        "Lance le worker des tâches de fond (carnets, rappels périodiques), avec son signe de vie."
    )

    def handle(self, *args, **options):
        stop = keep_beating()
        schedule_reminders()  # the first run now; each run queues the next
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
