"""A checklist item's due date and assignee, edited on the IC's checklist."""

import html

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.agenda.helpers import due
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _item(project):
    return due(project, None)


def _url(item):
    return reverse("cycle:checklist_due", args=[item.project_id, item.pk])


def _post(client, item, **data):
    return client.post(
        _url(item),
        {
            "version": item.version,
            "initial-due_on": "",
            "initial-assignee": "",
            **data,
        },
        **({"HTTP_HX_REQUEST": "true"} if data.pop("htmx", False) else {}),
    )


def test_a_pilot_dates_an_item_and_names_a_colleague(client, project, charge_mission, dla):
    colleague = make_user("collegue", Role.CHARGE_MISSION, dla)
    item = _item(project)
    client.force_login(charge_mission)

    response = _post(client, item, due_on="2027-01-15", assignee=colleague.pk)

    assert response.status_code == 302
    item.refresh_from_db()
    assert str(item.due_on) == "2027-01-15" and item.assignee == colleague


def test_htmx_answers_the_item_with_its_date(client, project, charge_mission):
    item = _item(project)
    client.force_login(charge_mission)

    response = _post(client, item, due_on="2027-01-15", assignee="", htmx=True)

    page = response.content.decode()
    assert f'id="checklist-item-{item.pk}"' in page
    assert 'value="2027-01-15"' in page and "Échéance enregistrée" in page


def test_a_bad_date_is_refused_in_french_and_kept(client, project, charge_mission):
    item = _item(project)
    client.force_login(charge_mission)

    response = _post(client, item, due_on="31/02/2027", assignee="")

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Saisissez une date valide" in page
    assert 'value="31/02/2027"' in page
    item.refresh_from_db()
    assert item.due_on is None


def test_the_assignee_is_one_of_the_ics_charges_de_mission(
    client, project, charge_mission, other_charge_mission
):
    item = _item(project)
    client.force_login(charge_mission)

    response = _post(client, item, due_on="2027-01-15", assignee=other_charge_mission.pk)

    assert "Choisissez un chargé de mission d'une organisation qui pilote l'IC." in html.unescape(
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.assignee is None and item.due_on is None


def test_an_assignee_needs_a_date(client, project, charge_mission):
    item = _item(project)
    client.force_login(charge_mission)

    response = _post(client, item, due_on="", assignee=charge_mission.pk)

    assert "Indiquez l'échéance" in html.unescape(response.content.decode())


def test_a_stale_form_saves_nothing_and_keeps_the_input(client, project, charge_mission):
    item = _item(project)
    version = item.version
    item.note = "vu"
    item.save()
    client.force_login(charge_mission)

    response = client.post(
        _url(item),
        {
            "version": version,
            "initial-due_on": "",
            "initial-assignee": "",
            "due_on": "2027-03-01",
            "assignee": "",
        },
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Quelqu'un d'autre a modifié ce point" in page and 'value="2027-03-01"' in page
    item.refresh_from_db()
    assert item.due_on is None


def test_the_checklist_shows_the_date_form_to_pilots_only(
    client, project, charge_mission, c2ra_staff
):
    due(project, None)
    url = reverse("cycle:project_checklist", args=[project.pk])
    client.force_login(charge_mission)
    assert 'data-testid="checklist-due"' in client.get(url).content.decode()
    client.force_login(c2ra_staff)
    assert 'data-testid="checklist-due"' not in client.get(url).content.decode()


def test_the_refused_date_page_is_titled_like_the_others(client, project, charge_mission):
    item = _item(project)
    client.force_login(charge_mission)

    page = _post(client, item, due_on="31/02/2027", assignee="").content.decode()

    assert "<title>Échéance d'un point de la liste de contrôle – Ingénieries " in page
