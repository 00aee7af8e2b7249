"""An edited or cancelled session is mailed again to the structures already invited: one
e-mail each (plain and HTML) with the updated .ics (same UID, SEQUENCE the session's
version, CANCELLED when cancelled); never twice; not for an agenda-only edit."""

from datetime import date, time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from meetings import ics, notices, services
from meetings.models import Invitation, Meeting
from meetings.tasks import send_meeting_updates


@pytest.fixture
def invited(world, mailoutbox):
    """The world's session with its invitation mailed (Nora's structure; the second
    structure has no representative with an account)."""
    assert services.send_invitations(meeting=world.meeting) == 1
    mailoutbox.clear()
    return world


def _edit(world, **changes):
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    fields = {name: getattr(meeting, name) for name in (
        "title", "phase", "held_on", "starts_at", "ends_at", "place", "video_url", "agenda"
    )}
    return services.update_meeting(
        meeting=meeting, version=meeting.version, fields={**fields, **changes},
        invited={world.participation.structure: 2, world.second: 1},
        intervenants=meeting.intervenants.all(),
    )


def _calendar(message):
    [(name, content, mimetype)] = message.attachments
    assert name == "seance.ics"
    calendar = Calendar.from_ical(content if isinstance(content, bytes) else content.encode())
    [event] = calendar.walk("VEVENT")
    return mimetype, calendar, event


@pytest.mark.parametrize("changes", [
    {"held_on": date(2030, 3, 19)}, {"starts_at": time(10, 0)}, {"ends_at": time(12, 30)},
    {"place": "Salle des fêtes"}, {"video_url": "https://visio.example.org/atelier"},
])
def test_a_changed_session_is_mailed_once_with_the_updated_ics(invited, mailoutbox, changes):
    meeting = _edit(invited, **changes)
    assert services.send_updates(meeting=meeting) == 1
    assert services.send_updates(meeting=meeting) == 0
    [message] = mailoutbox
    assert message.to == ["nora@example.org"]
    assert message.subject.startswith("Séance modifiée : Atelier collectif")
    assert "a changé" in message.body
    [(html, kind)] = message.alternatives
    assert kind == "text/html" and "a changé" in html
    mimetype, calendar, event = _calendar(message)
    assert mimetype == "text/calendar; method=REQUEST" and calendar["method"] == "REQUEST"
    assert str(event["uid"]) == ics.uid(meeting)
    assert event["sequence"] == meeting.version and event["status"] == "CONFIRMED"
    if "place" in changes:
        assert str(event["location"]) == "Salle des fêtes"
    invitation = Invitation.objects.get(meeting=meeting, structure=invited.participation.structure)
    assert invitation.mailed_version == meeting.version


def test_a_cancelled_session_is_mailed_once_as_cancelled(invited, mailoutbox):
    meeting = Meeting.objects.get(pk=invited.meeting.pk)
    services.cancel_meeting(meeting=meeting, version=meeting.version, by=invited.users["cm"])
    assert services.send_updates(meeting=meeting) == 1
    assert services.send_updates(meeting=meeting) == 0
    [message] = mailoutbox
    assert message.subject.startswith("Séance annulée : Atelier collectif")
    assert "est annulée" in message.body and "est annulée" in message.alternatives[0][0]
    mimetype, calendar, event = _calendar(message)
    assert mimetype == "text/calendar; method=CANCEL" and calendar["method"] == "CANCEL"
    assert str(event["uid"]) == ics.uid(meeting) and event["status"] == "CANCELLED"
    assert event["sequence"] == meeting.version


def test_an_agenda_only_edit_mails_nothing(
    invited, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting = _edit(invited, agenda="Point 1 : le bilan", title="Atelier (ordre du jour)")
    assert callbacks == [] and meeting.notice_version is None
    assert services.send_updates(meeting=meeting) == 0
    assert notices.send_pending_updates() == 0 and mailoutbox == []


def test_an_edit_then_an_agenda_edit_mails_the_change_once(invited, mailoutbox):
    _edit(invited, place="Salle des fêtes")
    meeting = _edit(invited, agenda="Nouvel ordre du jour")
    assert services.send_updates(meeting=meeting) == 1
    assert services.send_updates(meeting=meeting) == 0
    event = _calendar(mailoutbox[0])[2]
    assert event["sequence"] == meeting.version


def test_a_structure_not_yet_invited_gets_the_invitation_only(world, mailoutbox):
    meeting = _edit(world, place="Salle des fêtes")
    assert services.send_updates(meeting=meeting) == 0  # never told: nothing to update
    assert services.send_invitations(meeting=meeting) == 1
    assert services.send_updates(meeting=meeting) == 0
    [message] = mailoutbox
    assert message.subject.startswith("Invitation")
    assert str(_calendar(message)[2]["location"]) == "Salle des fêtes"


def test_a_failed_send_is_retried_by_the_next_run(invited, mailoutbox, monkeypatch):
    meeting = _edit(invited, place="Salle des fêtes")

    def broken(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        services.send_updates(meeting=meeting)
    monkeypatch.undo()
    assert notices.send_pending_updates() == 1
    assert notices.send_pending_updates() == 0 and len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its connections, as in production
def test_an_edit_in_the_app_queues_the_mail_and_the_worker_sends_it_once(
    client, invited, mailoutbox
):
    client.force_login(invited.users["cm"])
    meeting = Meeting.objects.get(pk=invited.meeting.pk)
    form = {
        "version": meeting.version, "title": meeting.title, "phase": meeting.phase,
        "held_on": "2030-03-12", "starts_at": "14:00", "ends_at": "16:00",
        "place": meeting.place, "video_url": "", "agenda": "",
        f"invites_{invited.participation.structure_id}": "2",
        f"invites_{invited.second.pk}": "1",
    }
    response = client.post(reverse("meetings:edit", args=[meeting.pk]), form)
    assert response.status_code == 302
    queued = DBTaskResult.objects.filter(task_path=send_meeting_updates.module_path)
    assert queued.count() == 1
    call_command("run_worker", "--batch", "--no-startup-delay")
    call_command("run_worker", "--batch", "--no-startup-delay")
    assert len(mailoutbox) == 1
    assert "de 14h00 à 16h00" in mailoutbox[0].body
    assert notices.send_pending_updates() == 0 and len(mailoutbox) == 1
