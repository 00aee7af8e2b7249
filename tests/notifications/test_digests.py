"""The daily digest: one mail a day at most per person, grouping what they have not yet had
in one; a re-run sends nothing again, a crash mid-way resends nothing already sent."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from notifications import digests, services
from notifications.models import DigestSent, Notification
from tests.notifications.backends import FailingForBackend

from .test_services import TEST_KIND, test_kind  # noqa: F401 (fixture)


@pytest.fixture
def readers(c2ra_staff, db):
    """Three C2RA staffers: the test kind comes to them in the digest."""
    from accounts.models import Role
    from tests.conftest import make_user

    people = [
        c2ra_staff,
        *(make_user(f"c2ra-{n}", Role.C2RA, c2ra_staff.organisation) for n in (2, 3)),
    ]
    for person in people:
        person.email = f"{person.username}@c2ra.example.org"
        person.save()
    return people


def emit(recipients, key):
    return services.notify(
        kind=TEST_KIND.code,
        recipients=recipients,
        title=f"Événement {key}",
        url=f"/evenements/{key}/",
        key=key,
    )


def test_the_digest_groups_each_persons_notifications_in_one_mail(readers, mailoutbox):
    for key in ("a", "b", "c"):
        emit(readers, key)

    assert digests.send_digests() == (3, 0)

    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in readers)
    for mail in mailoutbox:
        assert "3 notification" in mail.subject
        assert all(f"Événement {key}" in mail.body for key in "abc")
        assert all(f"/evenements/{key}/" in mail.alternatives[0][0] for key in "abc")
    assert not Notification.objects.filter(digested_at=None).exists()


def test_a_second_run_the_same_day_sends_nothing(readers, mailoutbox):
    now = timezone.now()
    emit(readers, "a")
    digests.send_digests(now=now)
    emit(readers, "b")  # arrives after today's digest: tomorrow's

    assert digests.send_digests(now=now) == (0, 0)
    assert len(mailoutbox) == 3

    tomorrow = now + datetime.timedelta(days=1)
    assert digests.send_digests(now=tomorrow) == (3, 0)
    assert all("Événement b" in m.body and "Événement a" not in m.body for m in mailoutbox[3:])


def test_a_crash_mid_way_resends_nothing_already_sent(readers, mailoutbox, settings):
    emit(readers, "a")
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingForBackend"
    FailingForBackend.FAIL_FOR = {readers[1].email}  # the second person's mail fails

    with pytest.raises(CommandError):
        call_command("send_digests")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([readers[0].email, readers[2].email])
    assert not DigestSent.objects.filter(user=readers[1]).exists()  # rolled back with the mail

    FailingForBackend.FAIL_FOR = set()  # the server is back: run it again, twice
    call_command("send_digests")
    call_command("send_digests")

    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in readers)
    assert DigestSent.objects.count() == 3


def test_nobody_without_pending_notifications_is_mailed(readers, mailoutbox):
    assert digests.send_digests() == (0, 0)
    assert mailoutbox == []
