"""notify: once per (person, event), channels as each person chose, one mail per
immediate notification."""

import pytest

from accounts.models import Role
from notifications import kinds, services
from notifications.kinds import Channel, Kind
from notifications.models import Notification, NotificationPreference
from tests.conftest import make_user

TEST_KIND = Kind(
    "test_event",
    "Un événement de test",
    "Pour les tests.",
    {
        Role.CHARGE_MISSION: Channel.IMMEDIATE,
        Role.C2RA: Channel.DIGEST,
        Role.INTERVENANT: Channel.OFF,
    },
)


@pytest.fixture(autouse=True)
def test_kind():
    kinds.register(TEST_KIND)
    yield TEST_KIND
    kinds._REGISTRY.pop(TEST_KIND.code)


@pytest.fixture
def people(charge_mission, c2ra_staff):
    charge_mission.email = "claire@dla-nord.example.org"
    charge_mission.save()
    c2ra_staff.email = "c2ra@c2ra.example.org"
    c2ra_staff.save()
    intervenant = make_user("interv", Role.INTERVENANT, email="i@cabinet.example.org")
    return charge_mission, c2ra_staff, intervenant


def emit(recipients, key="evt:1", **extra):
    return services.notify(
        kind="test_event",
        recipients=recipients,
        title="Quelque chose est arrivé",
        url="/projets/1/",
        key=key,
        **extra,
    )


def test_the_role_defaults_decide_when_nobody_chose(people, mailoutbox, capture, settings):
    settings.SITE_URL = "https://ic.example.org"
    cm, _c2ra, _intervenant = people
    with capture(execute=True):
        emit(people)

    rows = dict(Notification.objects.values_list("recipient__username", "channel"))
    assert rows == {"cm": Channel.IMMEDIATE, "c2ra": Channel.DIGEST}  # off: nothing kept
    (mail,) = mailoutbox
    assert mail.to == [cm.email]
    assert mail.subject == "Quelque chose est arrivé"
    assert "https://ic.example.org/projets/1/" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and 'href="https://ic.example.org/projets/1/"' in html


def test_a_preference_overrides_the_default(people, mailoutbox, capture):
    cm, c2ra, intervenant = people
    services.set_preferences(user=cm, channels={"test_event": Channel.OFF})
    services.set_preferences(user=c2ra, channels={"test_event": Channel.IMMEDIATE})
    services.set_preferences(user=intervenant, channels={"test_event": Channel.DIGEST})
    with capture(execute=True):
        emit(people)

    rows = dict(Notification.objects.values_list("recipient__username", "channel"))
    assert rows == {"c2ra": Channel.IMMEDIATE, "interv": Channel.DIGEST}
    assert [m.to for m in mailoutbox] == [[c2ra.email]]


def test_choosing_the_default_again_keeps_no_row(people):
    cm = people[0]
    services.set_preferences(user=cm, channels={"test_event": Channel.DIGEST})
    assert NotificationPreference.objects.filter(user=cm).count() == 1
    services.set_preferences(user=cm, channels={"test_event": Channel.IMMEDIATE})
    assert not NotificationPreference.objects.filter(user=cm).exists()


def test_emitting_twice_writes_and_mails_once(people, mailoutbox, capture):
    with capture(execute=True):
        first = emit(people)
    with capture(execute=True):
        second = emit(people)

    assert len(first) == 2 and second == []
    assert Notification.objects.count() == 2
    assert len(mailoutbox) == 1


def test_a_notification_is_mailed_once_even_when_the_mailing_runs_again(people, mailoutbox):
    ids = emit(people)  # no commit callback run: nothing mailed yet
    services.mail_immediate(ids)
    services.mail_immediate(ids)

    assert len(mailoutbox) == 1
    assert Notification.objects.get(recipient=people[0]).emailed_at is not None


def test_a_failed_mail_is_sent_by_the_next_sweep_and_once(people, mailoutbox, settings):
    from django.utils import timezone

    ids = emit(people)
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    services.mail_immediate(ids)
    assert mailoutbox == []
    assert Notification.objects.get(recipient=people[0]).emailed_at is None  # claim given back

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.mail_pending_immediate(older_than=timezone.now()) == 1
    services.mail_pending_immediate(older_than=timezone.now())
    assert len(mailoutbox) == 1


def test_an_inactive_person_hears_nothing(people, capture):
    cm = people[0]
    cm.is_active = False
    cm.save()
    emit(people)
    assert not Notification.objects.filter(recipient=cm).exists()


def test_mark_read_touches_only_ones_own(people):
    cm, c2ra, _ = people
    emit(people)
    theirs = Notification.objects.get(recipient=c2ra)

    assert services.mark_read(user=cm, ids=[theirs.pk]) == 0
    assert services.mark_all_read(user=cm) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_kind_is_registered_once():
    with pytest.raises(ValueError, match="twice"):
        kinds.register(Kind("test_event", "Autre", "Autre"))
    assert kinds.register(TEST_KIND) is TEST_KIND  # the same declaration again: harmless
