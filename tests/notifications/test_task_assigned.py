"""A checklist item given to someone tells them, once; not when they take it themselves."""

from datetime import date

import pytest
from django.urls import reverse

from cycle import services as cycle
from notifications.models import Notification
from tests.agenda.helpers import due

from .conftest import recipients_of

pytestmark = pytest.mark.django_db

ASSIGNED = "task_assigned"


def _post(client, item, **data):
    return client.post(
        reverse("cycle:checklist_due", args=[item.project_id, item.pk]),
        {"version": item.version, "initial-due_on": "", "initial-assignee": "", **data},
    )


def test_the_new_assignee_is_told_at_once(
    client, piloted, charge_mission, colleague, capture, mailoutbox
):
    item = due(piloted, None)
    client.force_login(charge_mission)

    with capture(execute=True):
        response = _post(client, item, due_on="2027-01-15", assignee=colleague.pk)

    assert response.status_code == 302
    notification = Notification.objects.get(kind=ASSIGNED)
    assert notification.recipient == colleague
    assert item.label in notification.title
    assert "15 janvier 2027" in notification.body and "Claire Martin" in notification.body
    assert notification.url == f"/projets/{piloted.pk}/#liste-controle"
    assert [m.to for m in mailoutbox] == [[colleague.email]]  # immediate by default


def test_saving_again_or_taking_it_oneself_tells_nobody(piloted, charge_mission, colleague):
    item = due(piloted, None)
    cycle.set_checklist_due(item, due_on=date(2027, 1, 15), assignee=colleague, by=charge_mission)
    cycle.set_checklist_due(item, due_on=date(2027, 1, 20), assignee=colleague, by=charge_mission)
    assert recipients_of(ASSIGNED) == ["cm-b"]  # the same assignee: no news

    other = due(piloted, None, position=1)
    cycle.set_checklist_due(other, due_on=date(2027, 1, 15), assignee=colleague, by=colleague)
    cycle.set_checklist_due(other, due_on=None, assignee=None, by=charge_mission)
    assert recipients_of(ASSIGNED) == ["cm-b"]  # took it themselves; then nobody named


def test_a_change_of_assignee_tells_the_new_one(piloted, charge_mission, colleague):
    item = due(piloted, None)
    cycle.set_checklist_due(item, due_on=date(2027, 1, 15), assignee=colleague, by=charge_mission)
    cycle.set_checklist_due(item, due_on=date(2027, 1, 15), assignee=charge_mission, by=colleague)
    # back to the colleague at another date: a new assignment
    cycle.set_checklist_due(item, due_on=date(2027, 2, 1), assignee=colleague, by=charge_mission)

    assert recipients_of(ASSIGNED) == ["cm", "cm-b", "cm-b"]


def test_a_refused_save_tells_nobody(client, piloted, charge_mission, colleague):
    item = due(piloted, None)
    client.force_login(charge_mission)

    _post(client, item, due_on="pas une date", assignee=colleague.pk)

    assert not Notification.objects.filter(kind=ASSIGNED).exists()
