"""Invitations by e-mail with a valid .ics in Paris time, sent once; the answers."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from meetings import ics, services
from meetings.models import Invitation
from meetings.vocabulary import Answer

PARIS = ZoneInfo("Europe/Paris")


def _event(data: bytes):
    [event] = Calendar.from_ical(data).walk("VEVENT")
    return event


def test_the_ics_is_valid_and_in_paris_time(world):
    event = _event(ics.calendar_bytes(world.meeting))
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime(2030, 3, 12, 9, 30, tzinfo=PARIS)
    assert end == datetime(2030, 3, 12, 12, 0, tzinfo=PARIS)
    assert str(start.tzinfo) == "Europe/Paris"  # a named zone, not a bare offset
    assert "Atelier collectif" in str(event["summary"])
    assert str(event["location"]) == "Maison des associations"


def test_a_summer_session_keeps_its_paris_wall_clock(world):
    from tests.meetings.conftest import plan

    summer = plan(world.project, invited={world.second: 1}, held_on=date(2030, 7, 1))
    start = _event(ics.calendar_bytes(summer)).decoded("dtstart")
    assert start.utcoffset().total_seconds() == 2 * 3600 and start.time() == time(9, 30)


def test_invitations_are_sent_once_with_the_ics(world, mailoutbox):
    assert services.send_invitations(meeting=world.meeting) == 1  # the second has no account
    assert services.send_invitations(meeting=world.meeting) == 0
    [message] = mailoutbox
    assert message.to == ["nora@example.org"]
    [(name, content, mimetype)] = message.attachments
    assert name == "seance.ics" and mimetype.startswith("text/calendar")
    assert _event(content.encode() if isinstance(content, str) else content)["uid"]
    assert Invitation.objects.get(structure=world.participation.structure).sent_at


def test_a_failed_send_is_retried_next_time(world, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        services.send_invitations(meeting=world.meeting)
    monkeypatch.undo()
    assert services.send_invitations(meeting=world.meeting) == 1
    assert len(mail.outbox) == 1


def test_a_cancelled_session_sends_nothing(world, mailoutbox):
    services.cancel_meeting(meeting=world.meeting, version=world.meeting.version,
                            by=world.users["cm"])
    assert services.send_invitations(meeting=world.meeting) == 0 and mailoutbox == []


def test_the_representative_answers(client, world):
    client.force_login(world.users["structure"])
    url = reverse("meetings:answer", args=[world.meeting.pk])
    response = client.post(url, {"answer": Answer.YES, "attending": ""})
    assert response.status_code == 400
    assert "Indiquez combien de personnes viennent." in response.content.decode()
    assert client.post(url, {"answer": Answer.YES, "attending": "3"}).status_code == 302
    invitation = Invitation.objects.get(structure=world.participation.structure)
    assert (invitation.answer, invitation.attending, invitation.expected) == (Answer.YES, 3, 3)
    assert invitation.answered_by == world.users["structure"]


def test_a_stale_edit_is_refused_and_keeps_the_input(client, world):
    client.force_login(world.users["cm"])
    url = reverse("meetings:edit", args=[world.meeting.pk])
    stale = world.meeting.version
    world.meeting.title = "Atelier renommé"
    world.meeting.save()
    form = {
        "version": stale, "title": "Mon titre", "phase": "finaliser_mise_en_oeuvre",
        "held_on": "2030-03-12", "starts_at": "09:30", "ends_at": "12:00",
        "place": "Maison des associations", "video_url": "", "agenda": "",
        f"invites_{world.participation.structure_id}": "2", f"invites_{world.second.pk}": "1",
    }
    response = client.post(url, form)
    assert response.status_code == 400
    assert "a enregistré ces données pendant que vous les modifiiez" in response.content.decode()
    world.meeting.refresh_from_db()
    assert world.meeting.title == "Atelier renommé"


def test_the_end_must_follow_the_start(client, world):
    client.force_login(world.users["cm"])
    response = client.post(reverse("meetings:create", args=[world.project.pk]), {
        "title": "Atelier", "phase": "finaliser_mise_en_oeuvre", "held_on": "2030-03-12",
        "starts_at": "12:00", "ends_at": "09:00", "place": "Salle",
        f"invites_{world.second.pk}": "1",
    })
    assert response.status_code == 400
    assert "La séance doit finir après son début." in response.content.decode()
    assert 'value="Atelier"' in response.content.decode()


def test_the_team_plans_a_session(client, world):
    client.force_login(world.users["cm"])
    response = client.post(reverse("meetings:create", args=[world.project.pk]), {
        "title": "Séminaire de clôture", "phase": "finaliser_evaluation",
        "held_on": "2030-04-02", "starts_at": "14:00", "ends_at": "17:00",
        "video_url": "https://visio.example.org/seminaire", f"invites_{world.second.pk}": "4",
    })
    assert response.status_code == 302
    invitation = Invitation.objects.get(meeting__title="Séminaire de clôture")
    assert (invitation.structure, invitation.seats) == (world.second, 4)
