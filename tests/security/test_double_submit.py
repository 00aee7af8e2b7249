"""A transition submitted twice (double click, or a second tab drawn earlier) fires once."""

import pytest
from django.test import Client
from django.urls import reverse

from cycle.states import State
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db


def post_abandon(client, project, seen_state):
    return client.post(
        reverse("cycle:project_transition", args=[project.pk]),
        {"name": "abandon", "state": seen_state, "comment": "Plus de financement"},
        follow=True,
    )


def test_the_same_form_posted_twice_fires_once(client, project, charge_mission):
    client.force_login(charge_mission)
    logs_before = TransitionLog.objects.filter(project=project).count()
    seen = project.state

    first = post_abandon(client, project, seen)
    second = post_abandon(client, project, seen)  # the double click: same hidden state

    assert first.status_code == second.status_code == 200
    assert "L&#x27;IC est passée en « Abandonnée »" in first.content.decode()
    assert "L&#x27;IC est passée" not in second.content.decode()
    project.refresh_from_db()
    assert project.state == State.ABANDONED
    assert TransitionLog.objects.filter(project=project).count() == logs_before + 1


def test_a_second_tab_drawn_before_the_first_fired_does_not_fire(project, charge_mission):
    tab_one, tab_two = Client(), Client()
    for tab in (tab_one, tab_two):
        tab.force_login(charge_mission)
    seen = project.state  # both tabs show the same buttons
    logs_before = TransitionLog.objects.filter(project=project).count()

    post_abandon(tab_one, project, seen)
    response = tab_two.post(
        reverse("cycle:project_transition", args=[project.pk]),
        {"name": "suspend", "state": seen, "comment": "En pause"},
        follow=True,
    )

    assert response.status_code == 200
    project.refresh_from_db()
    assert project.state == State.ABANDONED  # the second tab's suspension did not apply
    assert TransitionLog.objects.filter(project=project).count() == logs_before + 1
