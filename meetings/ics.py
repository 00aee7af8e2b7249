"""A session as an iCalendar event (the invitation's attachment), in Paris time."""

from django.utils import timezone
from icalendar import Calendar, Event

from .selectors import where


def uid(meeting) -> str:
    return f"seance-{meeting.pk}@dla-ic"


def method(meeting) -> str:
    """The iTIP method: a cancelled session withdraws the event from the agendas."""
    return "CANCEL" if meeting.cancelled else "REQUEST"


def calendar_bytes(meeting) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Ingénieries collectives DLA//Séances//FR")
    calendar.add("version", "2.0")
    calendar.add("method", method(meeting))
    event = Event()
    event.add("uid", uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", f"{meeting.title} – {meeting.project.title}")
    event.add("location", where(meeting))
    if meeting.agenda:
        event.add("description", meeting.agenda)
    if meeting.video_url:
        event.add("url", meeting.video_url)
    event.add("sequence", (meeting.version or 0) % 2**31)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
