"""Irreversible transitions declare the question asked before they fire; menus carry it and
the pages put it on the button (static/js/confirm.js asks it)."""

import pytest
from django.urls import reverse

from cycle.models import Project
from grille.models import Grille
from tenders.models import CallForTender
from workflows import machines

MACHINES = [(Project, "state"), (Grille, "status"), (CallForTender, "state")]


def test_the_irreversible_transitions_ask_first():
    asking = {
        (model.__name__, name)
        for model, field in MACHINES
        for name, transition in machines.declared(model, field).items()
        if transition.custom.get("confirm")
    }

    assert asking == {
        ("Project", "abandon"), ("Grille", "submit"), ("Grille", "validate"),
        ("CallForTender", "sign"), ("CallForTender", "cancel"),
    }


@pytest.mark.django_db
def test_the_ic_page_puts_the_question_on_the_abandon_button(client, project, charge_mission):
    client.force_login(charge_mission)
    page = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()

    assert 'data-confirm="Abandonner l&#x27;IC ?' in page
    assert page.count("data-confirm=") == 1  # advancing, suspending: no question
