"""Issue 17: a session belongs to a planned phase of its IC; the phase's held sessions give
its days (under 4 hours: ½ day, else 1 day; cancelled ones do not count) and its
participants, which the grille reads (meetings.attendance)."""

from datetime import date, time
from decimal import Decimal
from unittest.mock import patch

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cycle import services as cycle
from cycle.models import PlannedPhase
from meetings import services
from meetings.attendance import by_planned_phase, session_days
from meetings.models import Meeting
from tests.meetings.conftest import plan


def held(start: time, end: time, *, cancelled=False) -> Meeting:
    meeting = Meeting(held_on=date(2030, 3, 12), starts_at=start, ends_at=end)
    if cancelled:
        meeting.cancelled_at = date(2030, 3, 1)
    return meeting


@pytest.mark.parametrize(("start", "end", "days"), [
    (time(9, 0), time(12, 59), Decimal("0.5")),  # 3 h 59
    (time(9, 0), time(13, 0), Decimal("1")),  # 4 h
    (time(9, 0), time(18, 0), Decimal("1")),
    (time(14, 0), time(14, 30), Decimal("0.5")),
])
def test_the_day_rule(start, end, days):
    assert session_days(held(start, end)) == days


def test_a_cancelled_session_is_worth_nothing():
    assert session_days(held(time(9, 0), time(17, 0), cancelled=True)) == 0


PAST = date(2026, 3, 12)  # sessions held (the day rule counts those up to today)


@pytest.fixture
def phase(world):
    return cycle.add_planned_phase(world.project, title="Diagnostic partagé")


def record(world, meeting, present: dict) -> None:
    """``present``: {structure: [True, False…]} one per line, missing structures unrecorded."""
    services.record_attendance(meeting=meeting, by=world.users["cm"], lines=[
        {"structure": s, "slot": i, "name": f"P{i}", "present": p}
        for s, flags in present.items() for i, p in enumerate(flags, start=1)
    ])


def test_totals_per_planned_phase(world, phase):
    a, b = world.participation.structure, world.second
    short = plan(world.project, invited={a: 2, b: 1}, planned_phase=phase, held_on=PAST,
                 starts_at=time(9, 0), ends_at=time(12, 59))
    long = plan(world.project, invited={a: 1}, planned_phase=phase, held_on=date(2026, 3, 20),
                starts_at=time(9, 0), ends_at=time(13, 0))
    cancelled = plan(world.project, invited={a: 1}, planned_phase=phase,
                     held_on=date(2026, 3, 27))
    plan(world.project, invited={a: 1}, held_on=date(2026, 3, 28))  # no phase: not counted
    plan(world.project, invited={a: 1}, planned_phase=phase)  # in 2030: not held yet
    record(world, short, {a: [True, False], b: [True]})
    record(world, long, {a: [True]})
    record(world, cancelled, {a: [True], b: [True]})
    services.cancel_meeting(meeting=cancelled, version=cancelled.version, by=world.users["cm"])

    total = by_planned_phase(world.project)[phase.pk]

    assert (total.sessions, total.days, total.participants, total.structures) == (
        2, Decimal("1.5"), 3, 2
    )


def test_a_session_without_attendance_counts_its_days_and_no_one(world, phase):
    plan(world.project, invited={world.second: 1}, planned_phase=phase, held_on=PAST)
    other = cycle.add_planned_phase(world.project, title="Ateliers")
    record(world, plan(world.project, invited={world.second: 1}, planned_phase=other,
                       held_on=date(2026, 4, 1)), {world.second: [False]})

    totals = by_planned_phase(world.project)

    assert (totals[phase.pk].days, totals[phase.pk].participants) == (Decimal("0.5"), 0)
    assert (totals[other.pk].days, totals[other.pk].structures) == (Decimal("0.5"), 0)
    assert by_planned_phase(world.other_project) == {}


def test_a_session_to_come_counts_from_its_day_on(world, phase):
    world.meeting.planned_phase = phase  # on 12 March 2030
    world.meeting.save()
    assert by_planned_phase(world.project) == {}
    with patch("agenda.selectors.today", return_value=date(2030, 3, 12)):
        assert by_planned_phase(world.project)[phase.pk].days == Decimal("0.5")


def test_the_totals_read_one_query_whatever_the_sessions(world, phase,
                                                         django_assert_num_queries):
    for day in range(1, 5):
        meeting = plan(world.project, invited={world.second: 2}, planned_phase=phase,
                       held_on=date(2026, 5, day))
        record(world, meeting, {world.second: [True, True]})
    with django_assert_num_queries(1):
        assert by_planned_phase(world.project)[phase.pk].participants == 8


def _form(world, **extra):
    return {
        "title": "Atelier", "phase": "finaliser_mise_en_oeuvre", "held_on": "2030-03-12",
        "starts_at": "09:00", "ends_at": "11:00", "place": "Salle",
        f"invites_{world.second.pk}": "1", **extra,
    }


def test_the_session_form_offers_the_ic_planned_phases_only(client, world, phase):
    elsewhere = cycle.add_planned_phase(world.other_project, title="Phase d'ailleurs")
    client.force_login(world.users["cm"])
    url = reverse("meetings:create", args=[world.project.pk])

    page = client.get(url).content.decode()
    assert "Diagnostic partagé" in page and "Phase d&#x27;ailleurs" not in page
    assert "de moins de 4 heures compte pour une demi-journée" in page

    response = client.post(url, _form(world, planned_phase=elsewhere.pk))
    assert response.status_code == 400 and "Sélectionnez un choix valide" in response.content.decode()
    assert client.post(url, _form(world, planned_phase=phase.pk)).status_code == 302
    assert Meeting.objects.get(title="Atelier").planned_phase == phase


def test_the_model_refuses_another_ic_planned_phase(world):
    elsewhere = cycle.add_planned_phase(world.other_project, title="Ailleurs")
    world.meeting.planned_phase = elsewhere
    with pytest.raises(ValidationError, match="phase prévue de cette IC"):
        world.meeting.full_clean()


@pytest.mark.parametrize("role", ["cm", "intervenant", "structure"])
def test_the_session_pages_show_the_planned_phase(client, world, phase, role):
    world.meeting.planned_phase = phase
    world.meeting.save()
    client.force_login(world.users[role])
    for url in (reverse("meetings:list", args=[world.project.pk]),
                reverse("meetings:detail", args=[world.meeting.pk])):
        assert "Diagnostic partagé" in client.get(url).content.decode()


@pytest.mark.parametrize(("role", "shown"), [
    ("cm", True), ("c2ra", True), ("admin", True), ("intervenant", True), ("structure", False),
])
def test_the_phase_totals_show_to_the_team_and_firm_only(client, world, phase, role, shown):
    plan(world.project, invited={world.second: 1}, planned_phase=phase, held_on=PAST)
    client.force_login(world.users[role])
    page = client.get(reverse("meetings:list", args=[world.project.pk])).content.decode()
    assert ('data-testid="phase-totals"' in page) is shown
    assert ('data-testid="meeting-totals"' in page) is shown  # per structure, as before


@pytest.mark.parametrize("role", ["anonymous", "other_cm", "other_intervenant",
                                  "other_structure"])
def test_outsiders_still_reach_no_session_page(client, world, phase, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    response = client.get(reverse("meetings:list", args=[world.project.pk]))
    assert response.status_code in (302, 404) and "Diagnostic partagé" not in response.content.decode()


def test_a_planned_phase_with_sessions_is_not_removed(client, world, phase):
    world.meeting.planned_phase = phase
    world.meeting.save()
    client.force_login(world.users["cm"])

    response = client.post(reverse("cycle:project_phases", args=[world.project.pk]),
                           {"action": "remove", "row": phase.pk})

    assert response.status_code == 200
    assert "des séances y sont rattachées" in response.content.decode()
    assert PlannedPhase.objects.filter(pk=phase.pk).exists()


@pytest.mark.parametrize("role", ["cm", "intervenant", "structure"])
def test_the_list_with_phases_reads_a_constant_number_of_queries(client, world, phase, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users[role])
    url = reverse("meetings:list", args=[world.project.pk])
    client.get(url)  # the first request after login saves the session

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    other = cycle.add_planned_phase(world.project, title="Ateliers")
    for n, linked in enumerate((phase, other, phase)):
        meeting = plan(world.project, invited={world.participation.structure: 1,
                                               world.second: 2},
                       title=f"Séance {n}", planned_phase=linked, held_on=PAST)
        record(world, meeting, {world.second: [True, True]})
    assert queries() == before
