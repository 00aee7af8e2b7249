"""The README's promise: after ``load_demo``, one ``send_reminders`` mails claire, paul and
intervenant their late tasks, claire the one paul lets slip on an IC she is référent of, and
the follow-up IC's pilot the questionnaire left unanswered."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_shows_reminders_after_one_run(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):  # as committed, one by one
        call_command("send_reminders", stdout=out)

    told = set(Notification.objects.values_list("kind", "recipient__username"))
    for username in ("claire", "paul", "intervenant"):
        assert ("task_overdue", username) in told
    assert ("task_due_soon", "claire") in told
    assert ("task_escalated", "claire") in told
    # and the demo's N+1 questionnaire, unanswered a year after, to its pilot team
    assert ("task_escalated", "nadia") in told
    assert "2 aux pilotes" in out.getvalue()
    mailed = {m.to[0] for m in mailoutbox}
    assert User.objects.filter(username__in=["claire", "paul", "intervenant"]).count() == 3
    for user in User.objects.filter(username__in=["claire", "paul", "intervenant"]):
        assert user.email in mailed
