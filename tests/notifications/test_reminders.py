"""The scheduled reminders (``send_reminders``): who hears which, when, and once only, even
when the job is run again or crashes mid-way."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command

from accounts.models import Role
from cycle import reminders
from cycle import services as cycle
from notifications.models import Notification
from tests.agenda.helpers import TODAY, due, freeze
from tests.conftest import make_user
from tests.cycle.factories import ProjectPrestataireFactory
from tests.directory.factories import IntervenantFactory, PrestataireFactory
from tests.grille.factories import GrilleFactory
from tests.notifications.backends import FailingForBackend

from .conftest import recipients_of

pytestmark = pytest.mark.django_db

DUE_SOON, OVERDUE, ESCALATED = "task_due_soon", "task_overdue", "task_escalated"


@pytest.fixture(autouse=True)
def mailable(charge_mission, c2ra_staff):
    """Claire and the C2RA staffer have an address (the e-mails are counted)."""
    for user, email in (
        (charge_mission, "claire@dla-nord.example.org"),
        (c2ra_staff, "sophie@c2ra-hdf.example.org"),
    ):
        user.email = email
        user.save()


@pytest.fixture(autouse=True)
def frozen(monkeypatch, settings):
    settings.TASK_REMIND_DAYS_BEFORE, settings.TASK_ESCALATE_AFTER_DAYS = 3, 7
    return freeze(monkeypatch)


def days(n):
    return TODAY + timedelta(days=n)


def run(capture, *, execute=True):
    """One run of the job, its e-mails sent as after each commit (``execute=False``: the
    process died after its commits, before their e-mails)."""
    with capture(execute=execute):
        return reminders.run()


def sent():
    return sorted(Notification.objects.values_list("kind", "recipient__username"))


def firm_with(name, *usernames):
    firm = PrestataireFactory(name=name)
    for username in usernames:
        user = make_user(username, Role.INTERVENANT, email=f"{username}@{name}.example.org")
        IntervenantFactory(prestataire=firm, user=user)
    return firm


def test_a_checklist_item_reminds_the_ics_charges_de_mission_only(
    piloted,
    charge_mission,
    colleague,
    c2ra_staff,
    far_c2ra_staff,
    other_charge_mission,
    admin_user,
    capture,
):
    due(piloted, days(2))

    run(capture)

    # The DLA's chargés de mission own it; the C2RA follows, it does not own the checklist.
    assert recipients_of(DUE_SOON) == ["cm", "cm-b"]
    assert sent() == [(DUE_SOON, "cm"), (DUE_SOON, "cm-b")]


def test_an_assigned_item_reminds_its_assignee_only(piloted, charge_mission, colleague, capture):
    due(piloted, days(-1), assignee=colleague)

    run(capture)

    assert sent() == [(OVERDUE, "cm-b")]
    notification = Notification.objects.get()
    assert "En retard" in notification.title and "17 novembre 2026" in notification.title
    assert "IC du Nord" in notification.body
    assert notification.url == f"/projets/{piloted.pk}/#liste-controle"


def test_a_grille_reminds_its_firm_never_another_one(piloted, charge_mission, capture):
    ProjectPrestataireFactory(project=piloted, prestataire=firm_with("alpha", "a1", "a2"))
    firm_with("beta", "b1")  # not on this IC
    GrilleFactory(project=piloted, expected_return_on=days(-1))

    run(capture)

    assert recipients_of(OVERDUE) == ["a1", "a2", "cm"]


def test_thresholds_before_on_and_after_the_due_date(piloted, charge_mission, capture):
    on = {n: due(piloted, days(n), position=i) for i, n in enumerate((4, 3, 0, -1, -6, -7))}

    run(capture)

    def kinds_of(n):
        key = f"checklist:{on[n].pk}:"
        return sorted(
            k for (k,) in Notification.objects.filter(key__contains=key).values_list("kind")
        )

    assert kinds_of(4) == []  # too far ahead
    assert kinds_of(3) == [DUE_SOON] and kinds_of(0) == [DUE_SOON]
    assert kinds_of(-1) == [OVERDUE] and kinds_of(-6) == [OVERDUE]
    # 7 days overdue: escalated to the référent (the DLA: its chargés de mission, but
    # the owner, already told; nobody else here), so no escalation row without recipients
    assert kinds_of(-7) == [OVERDUE]


def test_escalation_goes_to_the_referents_people_of_its_region(
    charge_mission, dla, c2ra, c2ra_staff, far_c2ra_staff, capture, mailoutbox
):
    project = cycle.create_project(
        by=charge_mission, organisations=[dla, c2ra], referent=c2ra, title="IC suivie"
    )
    late = due(project, days(-7))
    due(project, days(-6), position=1)  # not yet

    result = run(capture)

    assert recipients_of(ESCALATED) == ["c2ra"]  # never the staff of another region
    assert result.escalated == 1 and result.overdue == 2
    escalation = Notification.objects.get(kind=ESCALATED)
    assert f"checklist:{late.pk}:" in escalation.key
    assert "7 jours" in escalation.title and "Claire Martin" in escalation.body
    assert [m.to for m in mailoutbox if "7 jours" in m.subject] == [[c2ra_staff.email]]


def test_the_delays_are_settings(piloted, charge_mission, capture, settings):
    settings.TASK_REMIND_DAYS_BEFORE = 1
    due(piloted, days(3))
    due(piloted, days(1), position=1)

    assert run(capture).due_soon == 1


def test_a_second_run_sends_nothing_again(piloted, charge_mission, colleague, capture, mailoutbox):
    due(piloted, days(1))
    due(piloted, days(-2), position=1)
    first = run(capture)
    mails = len(mailoutbox)

    again = run(capture)
    call_command("send_reminders")

    assert (first.due_soon, first.overdue) == (2, 2)
    assert (again.due_soon, again.overdue, again.escalated, again.retried) == (0, 0, 0, 0)
    assert len(mailoutbox) == mails == 2  # overdue: mailed at once; due soon: the digest


def test_a_moved_due_date_reminds_again(piloted, charge_mission, capture):
    item = due(piloted, days(-1))
    run(capture)
    item.due_on = days(-2)
    item.save()

    assert run(capture).overdue == 1
    assert Notification.objects.filter(kind=OVERDUE, recipient=charge_mission).count() == 2


def assert_each_told_once(mailoutbox):
    expected = Counter(
        (n.recipient.email, n.title)
        for n in Notification.objects.filter(channel="immediate").select_related("recipient")
    )
    got = Counter((m.to[0], m.subject) for m in mailoutbox)
    assert got == expected and set(got.values()) == {1}
    assert not Notification.objects.filter(channel="immediate", emailed_at=None).exists()


def test_a_failed_mail_is_sent_by_the_next_run_and_nothing_twice(
    piloted, charge_mission, colleague, capture, mailoutbox, settings
):
    for position in range(3):
        due(piloted, days(-1 - position), position=position)
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingForBackend"
    FailingForBackend.FAIL_FOR = {colleague.email}

    run(capture)
    assert {m.to[0] for m in mailoutbox} == {charge_mission.email}
    FailingForBackend.FAIL_FOR = set()  # the mail server is back
    assert run(capture).retried == 3

    assert_each_told_once(mailoutbox)
    assert len(mailoutbox) == 6


def test_a_crash_mid_way_resends_nothing_already_sent(
    piloted, charge_mission, colleague, capture, mailoutbox, monkeypatch
):
    for position in range(4):
        due(piloted, days(-1 - position), position=position)
    real, calls = reminders.notifications.notify, []

    def crashing(**kwargs):
        calls.append(kwargs["key"])
        if len(calls) == 3:
            raise KeyboardInterrupt  # the process is killed: nothing catches it
        return real(**kwargs)

    monkeypatch.setattr(reminders.notifications, "notify", crashing)
    with pytest.raises(KeyboardInterrupt):
        run(
            capture, execute=False
        )  # crashed before its commit callbacks: two tasks told, not mailed
    assert Notification.objects.count() == 4 and mailoutbox == []
    monkeypatch.setattr(reminders.notifications, "notify", real)

    result = run(capture)

    assert (result.overdue, result.retried) == (4, 4)  # the other two tasks; the two unmailed
    assert Notification.objects.filter(kind=OVERDUE).count() == 8
    assert_each_told_once(mailoutbox)
    assert len(mailoutbox) == 8
    assert run(capture).overdue == 0


def test_the_command_prints_and_logs_its_counts(piloted, charge_mission, capsys, caplog):
    due(piloted, days(-1))

    with caplog.at_level("INFO", logger="cycle.reminders"):
        call_command("send_reminders")

    line = "Rappels : 0 avant échéance, 1 en retard, 0 aux pilotes"
    assert line in capsys.readouterr().out
    assert line in caplog.text


def test_the_calls_deadlines_passed_are_told_on_the_same_run(open_call, capture):
    from django.utils import timezone

    from tenders.models import CallForTender
    from tenders.notices import CALL_DEADLINE_PASSED

    CallForTender.objects.filter(pk=open_call.pk).update(
        intent_deadline=timezone.now() - timedelta(days=2),
        reply_deadline=timezone.now() - timedelta(minutes=1),
    )

    assert run(capture).other == 1  # the IC's one chargée de mission
    assert recipients_of(CALL_DEADLINE_PASSED.code) == ["cm"]
    assert run(capture).other == 0
