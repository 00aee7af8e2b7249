"""The reminder the day before, sent once by the scheduled run; the sessions' tasks."""

from datetime import date, timedelta

from agenda import selectors as agenda
from cycle import reminders
from meetings import due_dates, services
from meetings.notices import remind_tomorrow
from meetings.vocabulary import Answer
from notifications.models import Notification


def _tomorrow(world, monkeypatch):
    monkeypatch.setattr(agenda, "today", lambda: date(2030, 3, 11))


def test_the_eve_reminder_is_sent_once(world, monkeypatch):
    _tomorrow(world, monkeypatch)
    first = remind_tomorrow()
    assert remind_tomorrow() == 0
    told = set(Notification.objects.filter(key__startswith="meeting-tomorrow:").values_list(
        "recipient__username", flat=True))
    assert first == len(told)
    assert {"nora", "ines", world.users["cm"].username} <= told
    assert not told & {"omar", "bruno", world.users["other_cm"].username}


def test_the_scheduled_run_sends_it(world, monkeypatch):
    _tomorrow(world, monkeypatch)
    reminders.run()
    reminders.run()
    assert Notification.objects.filter(
        key=f"meeting-tomorrow:{world.meeting.pk}:2030-03-12", recipient=world.users["structure"]
    ).count() == 1


def test_no_reminder_for_a_cancelled_session_or_one_declined(world, monkeypatch):
    _tomorrow(world, monkeypatch)
    invitation = world.meeting.invitations.get(structure=world.participation.structure)
    services.answer_invitation(invitation=invitation, by=world.users["structure"],
                               answer=Answer.NO)
    remind_tomorrow()
    assert not Notification.objects.filter(recipient=world.users["structure"]).exists()
    services.cancel_meeting(meeting=world.meeting, version=world.meeting.version,
                            by=world.users["cm"])
    Notification.objects.all().delete()
    assert remind_tomorrow() == 0


def test_my_tasks_hold_the_answer_and_the_attendance(world):
    nora, ines = world.users["structure"], world.users["intervenant"]
    answer = [t for t in due_dates.meeting_tasks(user=nora) if nora.pk in t.assignee_ids]
    assert [t.kind for t in answer] == [due_dates.KIND_ANSWER]
    assert answer[0].due_on == world.meeting.held_on - timedelta(days=1)
    sheet = [t for t in agenda.open_tasks(user=ines) if t.kind == due_dates.KIND_ATTENDANCE]
    assert [t.key for t in sheet] == [f"{due_dates.KIND_ATTENDANCE}:{world.meeting.pk}"]
    assert not [t for t in agenda.open_tasks(user=world.users["other_intervenant"])
                if t.kind.startswith("meeting")]


def test_no_answer_is_asked_once_the_session_is_held(world, monkeypatch):
    monkeypatch.setattr(agenda, "today", lambda: date(2030, 3, 13))
    assert not [t for t in due_dates.meeting_tasks() if t.kind == due_dates.KIND_ANSWER]
