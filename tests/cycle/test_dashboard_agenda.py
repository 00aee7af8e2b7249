"""The dashboard's overdue badges and the C2RA's « IC dormantes »."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cycle.models import Project
from cycle.selectors import dormant_projects
from cycle.states import State
from tests.agenda.helpers import TODAY, due, freeze
from tests.cycle.factories import set_state
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db
HOME = reverse("cycle:home")


@pytest.fixture
def frozen_day(monkeypatch):
    return freeze(monkeypatch)


def test_a_card_counts_its_ics_overdue_tasks(client, frozen_day, project_factory, charge_mission):
    late = project_factory(title="En retard")
    due(late, TODAY - timedelta(days=1), position=0)
    due(late, TODAY - timedelta(days=5), position=1)
    due(project_factory(title="À l'heure"), TODAY)
    client.force_login(charge_mission)

    page = client.get(HOME).content.decode()

    assert page.count('data-testid="overdue-badge"') == 1
    assert "2 en retard" in page


def test_the_c2ra_sees_the_badge_of_its_regions_ics(client, frozen_day, project, c2ra_staff):
    due(project, TODAY - timedelta(days=1))
    client.force_login(c2ra_staff)

    assert "1 en retard" in client.get(HOME).content.decode()


def _home_queries(client):
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        client.get(HOME)
    return len(queries)


def test_the_badges_cost_a_constant_number_of_queries(
    client, frozen_day, project_factory, charge_mission
):
    client.force_login(charge_mission)
    due(project_factory(title="Première"), TODAY - timedelta(days=1))
    few = _home_queries(client)
    for n in range(5):
        ic = project_factory(title=f"IC {n}")
        due(ic, TODAY - timedelta(days=1), position=0)
        due(ic, TODAY - timedelta(days=2), position=1)

    assert _home_queries(client) == few


def _untouched(project, days):
    """The IC as if last saved, and its transitions logged, ``days`` ago."""
    then = timezone.now() - timedelta(days=days)
    Project.objects.filter(pk=project.pk).update(updated_at=then)
    TransitionLog.objects.filter(object_id=project.pk, at__gt=then).update(at=then)


def test_dormant_ics_are_those_untouched_for_thirty_days(project_factory, c2ra_staff, settings):
    settings.DORMANT_AFTER_DAYS = 30
    asleep = project_factory(title="Endormie")
    _untouched(asleep, 31)
    recent = project_factory(title="Récente")
    _untouched(recent, 29)
    ticked = project_factory(title="Cochée hier")
    _untouched(ticked, 40)
    ticked.checklist.filter(pk=ticked.checklist.first().pk).update(
        done=True, done_at=timezone.now() - timedelta(days=1)
    )
    closed = project_factory(title="Close")
    set_state(closed, State.CLOSED)
    _untouched(closed, 90)

    assert [p.title for p in dormant_projects(c2ra_staff)] == ["Endormie"]


def test_a_transition_wakes_an_ic(project, charge_mission, c2ra_staff):
    from cycle import services

    _untouched(project, 40)
    project.refresh_from_db()
    services.fire_from(
        project, "suspend", by=charge_mission, seen_state=project.state, comment="pause"
    )
    services.fire_from(project, "resume", by=charge_mission, seen_state=State.SUSPENDED)
    Project.objects.filter(pk=project.pk).update(
        updated_at=timezone.now() - timedelta(days=40)
    )  # only the log tells

    assert list(dormant_projects(c2ra_staff)) == []


def test_the_c2ra_lists_its_regions_dormant_ics_only(
    client, project_factory, other_charge_mission, c2ra_staff
):
    mine = project_factory(title="Endormie du Nord")
    theirs = project_factory(title="Endormie de Gironde", by=other_charge_mission)
    _untouched(mine, 31)
    _untouched(theirs, 31)
    client.force_login(c2ra_staff)

    page = client.get(HOME).content.decode()

    assert 'data-testid="dormant"' in page
    assert "Endormie du Nord" in page and "Endormie de Gironde" not in page


def test_a_charge_de_mission_has_no_dormant_list(client, project, charge_mission):
    _untouched(project, 31)
    client.force_login(charge_mission)

    assert 'data-testid="dormant"' not in client.get(HOME).content.decode()


def test_the_dormant_list_is_one_query(c2ra_staff, project_factory, django_assert_num_queries):
    for n in range(3):
        _untouched(project_factory(title=f"IC {n}"), 31)
    list(dormant_projects(c2ra_staff))  # the content type, cached after

    with django_assert_num_queries(1):
        assert len(list(dormant_projects(c2ra_staff))) == 3
