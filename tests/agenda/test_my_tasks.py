"""« Mes tâches »: the buckets shown, ticking there as on the IC, a constant query count."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.selectors import open_tasks

from .helpers import TODAY, due

pytestmark = pytest.mark.django_db
URL = reverse("agenda:my_tasks")


def test_the_page_shows_each_bucket_with_the_ic_and_a_french_date(
    client, frozen_day, project, charge_mission
):
    due(project, TODAY - timedelta(days=2), position=0)
    due(project, TODAY + timedelta(days=10), position=1)
    client.force_login(charge_mission)

    page = client.get(URL).content.decode()

    assert 'data-bucket="overdue"' in page and 'data-bucket="later"' in page
    assert 'data-bucket="today"' not in page
    assert "lundi 16 novembre 2026" in page
    assert reverse("cycle:project_detail", args=[project.pk]) in page
    assert project.title in page


def test_ticking_there_does_what_ticking_on_the_ic_does(client, project, charge_mission):
    item = due(project, TODAY)
    task = open_tasks(user=charge_mission)[0]
    client.force_login(charge_mission)

    response = client.post(task.tick_url, {**task.tick_payload, "next": URL})

    assert response.status_code == 302 and response.url == URL
    item.refresh_from_db()
    assert item.done and item.done_by == charge_mission and item.done_at is not None
    assert open_tasks(user=charge_mission) == []


def test_a_tick_from_a_stale_line_is_refused_and_says_so(client, project, charge_mission):
    item = due(project, TODAY)
    task = open_tasks(user=charge_mission)[0]
    item.note = "vu par un collègue"
    item.save()  # someone saved it since the page was drawn
    client.force_login(charge_mission)

    response = client.post(task.tick_url, {**task.tick_payload, "next": URL}, follow=True)

    item.refresh_from_db()
    assert not item.done
    assert "Quelqu'un d'autre a modifié" in html.unescape(response.content.decode())


def test_next_elsewhere_is_ignored(client, project, charge_mission):
    due(project, TODAY)
    task = open_tasks(user=charge_mission)[0]
    client.force_login(charge_mission)

    response = client.post(
        task.tick_url, {**task.tick_payload, "next": "https://ailleurs.example/"}
    )

    assert response.url.startswith(reverse("cycle:project_detail", args=[project.pk]))


def test_nobody_else_can_tick_it_from_there(client, project, charge_mission, other_charge_mission):
    item = due(project, TODAY)
    task = open_tasks(user=charge_mission)[0]
    client.force_login(other_charge_mission)

    assert client.post(task.tick_url, task.tick_payload).status_code == 404
    item.refresh_from_db()
    assert not item.done


def _queries(client, user):
    client.force_login(user)
    client.get(URL)  # the session's first request saves it: not the page's count
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_tasks(
    client, frozen_day, project_factory, charge_mission
):
    from tests.cycle.factories import CommitteeFactory

    first = project_factory(title="Première")
    due(first, TODAY)
    CommitteeFactory(project=first).meetings.create(held_on=TODAY + timedelta(days=1))
    few = _queries(client, charge_mission)
    for n in range(4):
        other = project_factory(title=f"IC {n}")
        for position in range(3):
            due(other, TODAY + timedelta(days=n - position), position=position)
        CommitteeFactory(project=other).meetings.create(held_on=TODAY + timedelta(days=n))

    assert len(open_tasks(user=charge_mission)) == 18
    assert _queries(client, charge_mission) == few


@pytest.mark.parametrize(
    ("url", "title"),
    [(URL, "Mes tâches"), (reverse("agenda:calendar_settings"), "Mon calendrier")],
)
def test_the_pages_are_titled_like_the_others(client, charge_mission, url, title):
    """The browser's tab names the page and the application, as on every other page."""
    client.force_login(charge_mission)

    page = client.get(url).content.decode()

    assert f"<title>{title} – Ingénieries collectives DLA</title>" in page
