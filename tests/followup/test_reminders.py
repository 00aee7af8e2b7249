"""A questionnaire due is a task of « Mes tâches » for the representative and the pilots,
reminded as any task; 30 days unanswered (not the tasks' 7), the pilot team hears it, once;
the scheduled run twice sends once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from agenda import selectors as agenda
from cycle import reminders
from cycle.models import ProjectPilot
from followup.due_dates import questionnaire_tasks
from followup.models import Questionnaire
from notifications.models import Notification
from tests.agenda.helpers import due
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _n(world, key):
    return Questionnaire.objects.get(participation=world.participations[key], year=0)


def _on(monkeypatch, day):
    monkeypatch.setattr(agenda, "today", lambda: day)


def test_the_due_questionnaire_is_a_task_of_the_rep_and_the_pilots(closed):
    keys = {t.key for t in agenda.open_tasks(user=closed.users["structure"])}
    assert keys == {f"followup-questionnaire:{_n(closed, 'a').pk}"}
    pilot = {t.key for t in agenda.open_tasks(user=closed.users["cm"])}
    assert {f"followup-questionnaire:{_n(closed, k).pk}" for k in "ab"} <= pilot
    assert not [t for t in agenda.open_tasks(user=closed.users["other_structure"])
                if t.kind == "followup-questionnaire"]
    assert not [t for t in agenda.open_tasks(user=closed.users["intervenant"])
                if t.kind == "followup-questionnaire"]


def test_years_away_are_not_tasks_yet_and_an_answer_ends_the_task(closed):
    tasks = questionnaire_tasks()
    assert {t.title.split()[3] for t in tasks} == {"N"}  # N+1, N+2: a year away
    q = _n(closed, "a")
    q.answered_at = timezone.now()
    q.save()
    assert len(questionnaire_tasks()) == 1


def test_my_tasks_page_lists_it_for_the_representative(client, closed):
    client.force_login(closed.users["structure"])
    html = client.get(reverse("agenda:my_tasks")).content.decode()
    assert reverse("followup:answer", args=[_n(closed, "a").pk]) in html


def _escalations():
    return Notification.objects.filter(kind="task_escalated")


def _c2ra_referent(world, c2ra):
    """The regional DLA co-pilots the IC as its référent: its staff own none of its tasks."""
    world.project.pilotages.update(is_referent=False)
    ProjectPilot.objects.create(project=world.project, organisation=c2ra, is_referent=True)


def test_eight_days_late_it_is_reminded_but_not_escalated(closed, c2ra, monkeypatch, settings):
    settings.TASK_ESCALATE_AFTER_DAYS = 7
    _c2ra_referent(closed, c2ra)
    _on(monkeypatch, _n(closed, "a").due_on + timedelta(days=8))
    reminders.run()
    assert not _escalations().exists()
    late = Notification.objects.filter(kind="task_overdue")
    assert {closed.users["structure"].username, closed.users["cm"].username} <= set(
        late.values_list("recipient__username", flat=True)
    )


def test_other_tasks_still_escalate_after_seven_days(closed, c2ra, monkeypatch, settings):
    settings.TASK_ESCALATE_AFTER_DAYS = 7
    _c2ra_referent(closed, c2ra)
    other = closed.users["other_cm"]
    colleague = make_user("cm3", Role.CHARGE_MISSION, other.organisation)
    day = _n(closed, "a").due_on
    item = due(closed.other_project, day, assignee=other)
    _on(monkeypatch, day + timedelta(days=8))
    reminders.run()
    assert list(_escalations().values_list("recipient__username", "key")) == [
        (colleague.username, f"task-escalated:checklist:{item.pk}:{day.isoformat()}")
    ]


def test_with_a_c2ra_referent_both_pilot_teams_hear_it_at_thirty_days_once(
    closed, c2ra, monkeypatch
):
    _c2ra_referent(closed, c2ra)
    _on(monkeypatch, _n(closed, "a").due_on + timedelta(days=30))
    reminders.run()
    reminders.run()
    people = sorted(_escalations().values_list("recipient__username", flat=True))
    assert people == sorted(2 * [closed.users["cm"].username, closed.users["c2ra"].username])


def test_unanswered_thirty_days_after_goes_to_the_pilot_team_once(closed, monkeypatch):
    due = _n(closed, "a").due_on
    _on(monkeypatch, due + timedelta(days=29))
    reminders.run()
    assert not _escalations().exists()
    _on(monkeypatch, due + timedelta(days=30))
    reminders.run()
    first = sorted(_escalations().values_list("recipient__username", "key"))
    # The piloting DLA's chargés de mission (a C2RA staffer of the region who does not
    # pilot it reads the follow-up but is not its pilot team).
    assert {u for u, _k in first} == {closed.users["cm"].username}
    assert len(first) == 2  # one per structure
    assert all(k.startswith("task-escalated:followup-questionnaire:") for _u, k in first)
    call_command("send_reminders")  # the same run again: nothing new
    assert sorted(_escalations().values_list("recipient__username", "key")) == first


def test_an_answered_questionnaire_is_never_escalated(client, closed, monkeypatch):
    for key in "ab":
        q = _n(closed, key)
        q.answered_at = timezone.now()
        q.save()
    _on(monkeypatch, q.due_on + timedelta(days=45))
    reminders.run()
    assert not _escalations().exists()
