"""The iCal feed (RFC 5545, built by ``icalendar``): one all-day event per task."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//DLA//Ingénieries collectives//FR"


def calendar(tasks, *, base_url: str, uid_domain: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for task in tasks:
        event = Event()
        event.add("uid", f"{task.key.replace(':', '-')}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", task.due_on)  # a date: an all-day event
        event.add("dtend", task.due_on + timedelta(days=1))
        event.add("summary", f"{task.title} — {task.project_title}")
        event.add("url", base_url + task.url)
        cal.add_component(event)
    return cal.to_ical()
