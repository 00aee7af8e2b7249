"""The worker runs the reminders periodically: each run queues the next, never two chains."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cycle.tasks import schedule_reminders, send_reminders
from notifications.models import Notification
from tests.agenda.helpers import due


def queued():
    return DBTaskResult.objects.filter(task_path=send_reminders.module_path)


@pytest.mark.django_db
def test_one_run_waits_at_a_time(settings):
    assert schedule_reminders() is True
    assert schedule_reminders() is False  # a second worker starting: still one
    assert queued().count() == 1

    settings.TASK_REMINDERS_EVERY_MINUTES = 0  # left to the timer
    queued().delete()
    assert schedule_reminders() is False and not queued().exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connections, as in production
def test_the_worker_sends_the_reminders_and_queues_the_next_run(
    project, charge_mission, mailoutbox, settings
):
    settings.TASK_REMINDERS_EVERY_MINUTES = 60
    charge_mission.email = "claire@dla-nord.example.org"
    charge_mission.save()
    due(project, timezone.localdate() - timedelta(days=1))

    call_command("run_worker", "--batch", "--no-startup-delay")

    assert Notification.objects.filter(kind="task_overdue", recipient=charge_mission).count() == 1
    assert [m.to for m in mailoutbox] == [[charge_mission.email]]
    assert queued().filter(status="SUCCESSFUL").count() == 1
    (following,) = queued().filter(status="READY")
    assert timedelta(minutes=59) < following.run_after - timezone.now() <= timedelta(minutes=60)

    call_command("run_worker", "--batch", "--no-startup-delay")  # restarted: nothing due yet
    assert queued().count() == 2 and len(mailoutbox) == 1
