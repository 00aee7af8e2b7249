"""Two people filling in the same attendance list at once: each save writes only the lines
its author changed; a line both changed differently keeps the first save and is shown
back to the second, with a word beside it; the other lines are saved."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Attendee


def _loaded(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return _loaded_from(response)


def _rows(world) -> dict:
    return {(a.structure_id, a.slot): (a.name, a.present)
            for a in Attendee.objects.filter(meeting=world.meeting)}


@pytest.fixture
def two(world, client):
    from django.test import Client

    url = reverse("meetings:attendance", args=[world.meeting.pk])
    first, second = client, Client()
    first.force_login(world.users["intervenant"])
    second.force_login(world.users["cm"])
    return url, first, second


def test_two_concurrent_submissions_merge_and_flag_the_line_both_changed(world, two):
    url, first, second = two
    s1, s2 = world.participation.structure_id, world.second.pk
    mine, theirs = _loaded(first, url), _loaded(second, url)  # both load the same list
    mine.update({f"name-{s1}-2": "Paul Roux", f"name-{s2}-1": "Léa Martin",
                 f"present-{s2}-1": "on"})
    theirs.update({f"name-{s1}-2": "Paula Rousse", f"present-{s1}-1": "on"})

    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)

    assert response.status_code == 409
    page = response.content.decode()
    who = world.users["intervenant"]
    who = who.get_full_name() or who.username
    assert f"Modifié entre-temps par {who} ; vérifiez" in page
    assert page.count('data-testid="attendance-conflict"') == 1
    assert 'value="Paula Rousse"' in page  # the second's input, kept
    assert _rows(world) == {
        (s1, 1): ("Nora Benali", True),  # the second's change, saved
        (s1, 2): ("Paul Roux", False),  # the first's, not overwritten
        (s2, 1): ("Léa Martin", True),  # the first's, not reverted by the second
    }
    # the page shown back, posted as is: a deliberate choice, saved
    assert second.post(url, _loaded_from(response)).status_code == 302
    assert _rows(world)[(s1, 2)] == ("Paula Rousse", False)
    assert _rows(world)[(s2, 1)] == ("Léa Martin", True)


def _loaded_from(response) -> dict:
    """The form as the page gives it (what a browser would post untouched)."""
    form, data = response.context["form"], {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (False, None):
            data[name] = value
    return data


def test_the_same_change_by_both_is_no_conflict(world, two):
    url, first, second = two
    s2 = world.second.pk
    mine, theirs = _loaded(first, url), _loaded(second, url)
    for data in (mine, theirs):
        data.update({f"name-{s2}-1": "Léa Martin", f"present-{s2}-1": "on"})
    assert first.post(url, mine).status_code == 302
    assert second.post(url, theirs).status_code == 302
    assert _rows(world) == {(s2, 1): ("Léa Martin", True)}


def test_a_line_left_as_loaded_is_not_written(world, two):
    url, first, _second = two
    s1 = world.participation.structure_id
    services.record_attendance(meeting=world.meeting, by=world.users["cm"], lines=[
        {"structure": world.participation.structure, "slot": 2, "name": "Paul Roux",
         "present": False},
    ])
    stale = _loaded(first, url)
    services.record_attendance(meeting=world.meeting, by=world.users["cm"], lines=[
        {"structure": world.participation.structure, "slot": 2, "name": "Paul Roux",
         "present": True},
    ])
    stale[f"present-{s1}-1"] = "on"
    assert first.post(url, stale).status_code == 302
    row = Attendee.objects.get(meeting=world.meeting, structure_id=s1, slot=2)
    assert (row.present, row.recorded_by) == (True, world.users["cm"])
