"""Who owns which task, what is open, and the buckets of « Mes tâches »."""

from datetime import timedelta

import pytest

from accounts.models import Role
from agenda.registry import SOURCES, Task, register_source
from agenda.selectors import bucketed, open_tasks
from cycle.states import State
from tests.conftest import make_user
from tests.cycle.factories import CommitteeFactory, ProjectPrestataireFactory, set_state
from tests.directory.factories import IntervenantFactory

from .helpers import TODAY, due

pytestmark = pytest.mark.django_db


def keys(tasks):
    return [task.key for task in tasks]


def test_an_unassigned_item_belongs_to_the_ics_charges_de_mission(
    project, charge_mission, other_charge_mission, c2ra_staff, admin_user, dla
):
    colleague = make_user("collegue", Role.CHARGE_MISSION, dla)
    item = due(project, TODAY)

    for owner in (charge_mission, colleague):
        assert keys(open_tasks(user=owner)) == [f"checklist:{item.pk}"]
    # Another DLA, the C2RA (it follows, it does not pilot), an admin: not theirs.
    for other in (other_charge_mission, c2ra_staff, admin_user):
        assert open_tasks(user=other) == []
    assert keys(open_tasks()) == [f"checklist:{item.pk}"]  # everyone's: the reminder job


def test_an_assigned_item_belongs_to_its_assignee_only(project, charge_mission, dla):
    colleague = make_user("collegue", Role.CHARGE_MISSION, dla)
    item = due(project, TODAY, assignee=colleague)

    assert keys(open_tasks(user=colleague)) == [f"checklist:{item.pk}"]
    assert open_tasks(user=charge_mission) == []
    assert open_tasks()[0].assignee_ids == (colleague.pk,)


def test_an_assignee_who_can_no_longer_see_the_ic_loses_its_task(project, other_dla, dla):
    mover = make_user("partant", Role.CHARGE_MISSION, dla)
    due(project, TODAY, assignee=mover)
    mover.organisation = other_dla
    mover.save()

    assert open_tasks(user=mover) == []


def test_done_items_other_phases_and_closed_ics_are_not_tasks(project_factory, charge_mission):
    ticked = project_factory(title="Cochée")
    item = due(ticked, TODAY)
    item.done = True
    item.save()
    closed = project_factory(title="Close")
    due(closed, TODAY)
    set_state(closed, State.CLOSED)
    moved = project_factory(title="Avancée")
    due(moved, TODAY)
    set_state(moved, State.CIBLAGE)  # the dated item was of the sub-phase before

    assert open_tasks(user=charge_mission) == []


def test_an_intervenant_never_owns_the_ics_checklist(project, charge_mission):
    intervenant = IntervenantFactory(user=make_user("inter", Role.INTERVENANT))
    ProjectPrestataireFactory(project=project, prestataire=intervenant.prestataire)
    due(project, TODAY)

    assert open_tasks(user=intervenant.user) == []


def test_a_planned_meeting_is_a_task_a_past_one_is_not(frozen_day, project, charge_mission):
    committee = CommitteeFactory(project=project)
    ahead = committee.meetings.create(held_on=TODAY + timedelta(days=3))
    committee.meetings.create(held_on=TODAY - timedelta(days=1))

    tasks = open_tasks(user=charge_mission)

    assert keys(tasks) == [f"meeting:{ahead.pk}"]
    assert "Réunion" in tasks[0].title
    assert tasks[0].tick_url is None  # a meeting is held, not ticked


def test_due_before_keeps_what_is_due_strictly_before(project, charge_mission):
    early = due(project, TODAY - timedelta(days=2), position=0)
    due(project, TODAY, position=1)

    assert keys(open_tasks(user=charge_mission, due_before=TODAY)) == [f"checklist:{early.pk}"]


def test_tasks_come_by_due_date(project, charge_mission):
    late = due(project, TODAY + timedelta(days=9), position=0)
    soon = due(project, TODAY - timedelta(days=1), position=1)

    assert keys(open_tasks(user=charge_mission)) == [f"checklist:{soon.pk}", f"checklist:{late.pk}"]


def test_buckets_overdue_today_this_week_later(frozen_day):
    def task(days):
        return Task(
            key=f"t:{days}",
            kind="t",
            title="t",
            project_id=1,
            project_title="IC",
            due_on=TODAY + timedelta(days=days),
            url="/",
        )

    # Wednesday 18: Sunday 22 ends the week.
    tasks = [task(d) for d in (-3, -1, 0, 1, 4, 5, 30)]

    buckets = {code: [t.key for t in items] for code, _label, items in bucketed(tasks)}

    assert buckets == {
        "overdue": ["t:-3", "t:-1"],
        "today": ["t:0"],
        "week": ["t:1", "t:4"],
        "later": ["t:5", "t:30"],
    }


def test_a_registered_source_is_merged_once(monkeypatch, charge_mission):
    monkeypatch.setattr("agenda.registry.SOURCES", list(SOURCES))
    from agenda import registry

    def source(*, user=None, due_before=None, projects=None):
        yield Task(
            key="x:1",
            kind="x",
            title="Rendre",
            project_id=1,
            project_title="IC",
            due_on=TODAY,
            url="/",
            assignee_ids=(charge_mission.pk,),
        )

    register_source(source)
    register_source(source)  # a ready() run twice

    assert registry.SOURCES.count(source) == 1
    assert keys(open_tasks(user=charge_mission)) == ["x:1"]
