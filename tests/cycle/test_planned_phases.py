"""The phases of the projet d'intervention, declared once on the IC's page (issue 21):
added and removed in place, the guidance told; bad input explained, typed input kept."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cycle import services
from cycle.forms import PlannedPhaseForm
from cycle.models import PlannedPhase
from cycle.selectors import planned_phases

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(project):
    return reverse("cycle:project_phases", args=[project.pk])


def add(client, project, **fields):
    data = {"action": "add", **{f"phase-{k}": v for k, v in fields.items()}}
    return client.post(url(project), data, **HTMX)


def test_a_phase_is_added_in_place_and_the_guidance_is_told(client, charge_mission, project):
    client.force_login(charge_mission)

    response = add(client, project, title="Diagnostic partagé", days="2,5",
                   description="Deux demi-journées")
    add(client, project, title="Ateliers", days="")

    assert response.status_code == 200
    assert "ic-changed" in response.headers["HX-Trigger"]
    assert "Diagnostic partagé" in response.text
    assert 'id="formulaire-phase"' in response.text  # ready for the next row
    assert planned_phases(project) == [
        {"title": "Diagnostic partagé", "days": Decimal("2.5")},
        {"title": "Ateliers", "days": None},
    ]


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "", "days": "1"}, "Donnez un intitulé à la phase."),
    ({"title": "Atelier", "days": "0,3"}, "au moins une demi-journée (0,5)"),
    ({"title": "Atelier", "days": "1,3"}, "Comptez les jours par demi-journées"),
    ({"title": "Atelier", "days": "deux"}, "Indiquez un nombre de jours, par exemple 3,5."),
    ({"title": "Atelier", "days": "400"}, "Le nombre de jours ne peut dépasser 365."),
])
def test_bad_input_is_explained_in_french_and_kept(client, charge_mission, project, fields,
                                                   message):
    client.force_login(charge_mission)

    response = add(client, project, description="Gardé tel quel", **fields)

    assert response.status_code == 200
    assert "HX-Trigger" not in response.headers
    assert message in response.text
    assert "Gardé tel quel" in response.text
    assert not PlannedPhase.objects.exists()


def test_a_phase_is_removed_in_place(client, charge_mission, project):
    phase = services.add_planned_phase(project, title="Diagnostic")
    client.force_login(charge_mission)

    response = client.post(url(project), {"action": "remove", "row": phase.pk}, **HTMX)

    assert "ic-changed" in response.headers["HX-Trigger"]
    assert not PlannedPhase.objects.exists()


def test_without_javascript_an_add_goes_back_to_the_page(client, charge_mission, project):
    client.force_login(charge_mission)

    response = client.post(url(project), {"action": "add", "phase-title": "Diagnostic"})

    assert response.status_code == 302
    assert response.url.endswith("#phases-prevues")


def test_the_page_shows_the_phases_and_their_form_to_editors_only(
    client, charge_mission, c2ra_staff, project
):
    services.add_planned_phase(project, title="Restitution", days=Decimal("1"))
    client.force_login(charge_mission)
    page = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    assert "Restitution" in page and "Ajouter une phase" in page

    client.force_login(c2ra_staff)
    page = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    assert "Restitution" in page and "Ajouter une phase" not in page


def test_phases_are_added_after_the_last_one(project):
    first = services.add_planned_phase(project, title="Un")
    second = services.add_planned_phase(project, title="Deux")

    assert (first.position, second.position) == (1, 2)


@pytest.mark.django_db
def test_the_form_reads_days_as_typed_in_french():
    form = PlannedPhaseForm({"title": "Atelier", "days": "3,5"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["days"] == Decimal("3.5")
