"""A page showing some ICs asks the agenda for their tasks only (``projects``): every
registered source answers, for those IC ids, exactly the tasks it answers for them
unnarrowed, on the demo's data."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from agenda import registry
from agenda.registry import tally
from agenda.selectors import overdue_counts, today
from cycle.models import Meeting, PhaseTarget, Project
from cycle.states import OUT_OF_CYCLE
from tests.cycle.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())
    # What the demo does not date: committee meetings ahead, sub-phase targets.
    ahead = today() + timedelta(days=10)
    for project in Project.objects.exclude(state__in=OUT_OF_CYCLE).order_by("pk")[:3]:
        committee = project.committees.first() or CommitteeFactory(project=project)
        Meeting.objects.create(committee=committee, held_on=ahead)
        PhaseTarget.objects.update_or_create(
            project=project, phase=project.state, defaults={"due_on": ahead}
        )


def _name(source) -> str:
    return f"{source.__module__}.{source.__name__}"


def test_each_source_narrowed_answers_those_ics_tasks_only(demo):
    # One demo for every source (it takes seconds to load).
    for source in registry.SOURCES:
        every = list(source(user=None, due_before=None))
        assert every, f"{_name(source)}: no task to narrow"
        chosen = sorted({task.project_id for task in every})[::2]  # every other IC

        narrowed = list(source(user=None, due_before=None, projects=chosen))

        assert sorted(t.key for t in narrowed) == sorted(
            t.key for t in every if t.project_id in chosen
        ), _name(source)
        assert list(source(user=None, due_before=None, projects=[])) == [], _name(source)


def test_overdue_counts_of_some_ics_equal_their_share_of_all(demo):
    claire = User.objects.get(username="claire")
    for user in (None, claire):
        every = overdue_counts(user=user)
        assert len(every) >= 2
        chosen = sorted(every)[::2]

        assert overdue_counts(user=user, projects=chosen) == {pk: every[pk] for pk in chosen}


def test_each_source_that_counts_in_sql_counts_its_tasks(demo):
    # The badges read counts(); « Mes tâches » reads the tasks: one rule, two readings.
    assert registry.COUNTS, "no source counts in SQL"
    day = today()
    for source, counts in registry.COUNTS.items():
        for user in (None, *User.objects.order_by("pk")):
            for due_before in (None, day, day + timedelta(days=40)):
                tasks = list(source(user=user, due_before=due_before))
                chosen = sorted({t.project_id for t in tasks})[::2]
                for projects in (None, chosen):
                    expected = Counter(
                        t.project_id for t in tasks
                        if not t.done and (projects is None or t.project_id in projects)
                    )
                    assert tally(counts(user=user, due_before=due_before, projects=projects)) == (
                        expected
                    ), (_name(source), user, due_before, projects)
