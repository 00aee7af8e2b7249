"""The private iCal feed: parsed by ``icalendar``, refused with a wrong or revoked token."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from agenda import services

from .helpers import TODAY, due

pytestmark = pytest.mark.django_db
SETTINGS = reverse("agenda:calendar_settings")


def feed(token):
    return reverse("agenda:calendar_feed", args=[token])


def test_the_feed_lists_the_users_due_dates_as_all_day_events(client, project, charge_mission):
    item = due(project, TODAY + timedelta(days=3))
    token = services.issue_calendar_token(user=charge_mission)

    response = client.get(feed(token))  # no session: the token is the credential

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [event.decoded("dtstart") for event in events] == [item.due_on]
    assert project.title in str(events[0]["summary"])
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    assert all(event["uid"] and event["dtstamp"] for event in events)


def test_a_wrong_token_is_refused(client, charge_mission):
    services.issue_calendar_token(user=charge_mission)

    assert client.get(feed("pas-le-bon")).status_code == 404


def test_a_revoked_or_replaced_token_is_refused(client, charge_mission):
    first = services.issue_calendar_token(user=charge_mission)
    second = services.issue_calendar_token(user=charge_mission)

    assert client.get(feed(first)).status_code == 404
    assert client.get(feed(second)).status_code == 200
    services.revoke_calendar_token(user=charge_mission)
    assert client.get(feed(second)).status_code == 404


def test_the_token_is_stored_hashed(charge_mission):
    token = services.issue_calendar_token(user=charge_mission)

    assert charge_mission.calendar_token.digest != token
    assert token not in charge_mission.calendar_token.digest


def test_the_page_shows_the_url_once_and_revokes_it(client, charge_mission):
    client.force_login(charge_mission)

    page = client.post(SETTINGS, {"action": "issue"}, follow=True).content.decode()
    url = re.search(r'value="(http[^"]+\.ics)"', page).group(1)
    assert client.get(url).status_code == 200
    assert ".ics" not in client.get(SETTINGS).content.decode()  # not shown again

    client.post(SETTINGS, {"action": "revoke"})
    assert client.get(url).status_code == 404


def test_a_deactivated_users_feed_is_refused(client, charge_mission):
    token = services.issue_calendar_token(user=charge_mission)
    charge_mission.is_active = False
    charge_mission.save()

    assert client.get(feed(token)).status_code == 404
