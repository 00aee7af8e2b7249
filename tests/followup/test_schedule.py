"""Closing an IC schedules, for each committed structure, its questionnaires at N, N+1 and
N+2; reopening and closing again never schedules them twice."""

from datetime import date

import pytest
from django.db import IntegrityError
from django.utils import timezone

from cycle.states import State
from followup import services
from followup.models import Questionnaire
from followup.questions import QUESTIONS
from tests.cycle.factories import set_state

from .conftest import close

pytestmark = pytest.mark.django_db


def _rows(project):
    return sorted(
        Questionnaire.objects.filter(participation__project=project).values_list(
            "participation__structure__name", "year", "due_on"
        )
    )


def test_closing_creates_exactly_three_per_committed_structure(world):
    assert not Questionnaire.objects.exists()
    log = close(world.project, world.users["cm"])
    world.project.refresh_from_db()
    assert world.project.state == State.CLOSED
    day = timezone.localdate(log.at)
    years = [day, day.replace(year=day.year + 1), day.replace(year=day.year + 2)]
    assert _rows(world.project) == [
        ("Asso A", 0, years[0]), ("Asso A", 1, years[1]), ("Asso A", 2, years[2]),
        ("Asso B", 0, years[0]), ("Asso B", 1, years[1]), ("Asso B", 2, years[2]),
    ]  # the withdrawn structure has none, another IC's neither
    assert Questionnaire.objects.count() == 6


def test_reopening_and_closing_again_does_not_duplicate(closed):
    before = _rows(closed.project)
    set_state(closed.project, State.CAPITALISATION)  # an admin reopens it by hand
    closed.project.refresh_from_db()
    from cycle import services as cycle

    cycle.advance(closed.project, by=closed.users["cm"])
    assert _rows(closed.project) == before


def test_a_structure_committed_on_reopening_gets_its_own_on_closing_again(closed):
    from .conftest import committed

    set_state(closed.project, State.CAPITALISATION)
    closed.project.refresh_from_db()
    committed(closed.project, "Asso tardive")
    from cycle import services as cycle

    cycle.advance(closed.project, by=closed.users["cm"])
    assert Questionnaire.objects.filter(participation__project=closed.project).count() == 9


def test_scheduling_by_hand_again_creates_nothing(closed):
    assert services.schedule(project=closed.project, closed_on=date(2030, 1, 1)) == []
    assert Questionnaire.objects.count() == 6


def test_the_database_refuses_a_second_questionnaire_for_a_year(closed):
    first = Questionnaire.objects.first()
    with pytest.raises(IntegrityError):
        Questionnaire.objects.create(
            participation=first.participation, year=first.year, due_on=first.due_on
        )


def test_29_february_falls_on_28_february():
    assert services._years_later(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_at_most_ten_questions():
    assert len(QUESTIONS) <= 10
