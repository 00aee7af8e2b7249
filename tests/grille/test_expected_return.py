"""The grille's expected return: dated by the IC's chargés de mission, a task of the firm
assigned to the IC and of its pilots until it is handed in."""

import html
from datetime import date

import pytest
from django.urls import reverse

from agenda.selectors import open_tasks
from grille.models import Grille, GrilleStatus

pytestmark = pytest.mark.django_db


def _url(grille):
    return reverse("grille:expected_return", kwargs={"project_pk": grille.project_id})


def _post(client, grille, value, version=None):
    return client.post(
        _url(grille),
        {
            "version": grille.version if version is None else version,
            "initial-expected_return_on": "",
            "expected_return_on": value,
        },
    )


def test_a_pilot_dates_the_return(client_of, grille, charge_mission):
    response = _post(client_of(charge_mission), grille, "2027-02-01")

    assert response.status_code == 302
    assert Grille.objects.get(pk=grille.pk).expected_return_on == date(2027, 2, 1)


def test_a_bad_date_is_refused_in_french_and_kept(client_of, grille, charge_mission):
    response = _post(client_of(charge_mission), grille, "32/01/2027")

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Saisissez une date valide" in page and 'value="32/01/2027"' in page
    assert Grille.objects.get(pk=grille.pk).expected_return_on is None


def test_a_stale_form_saves_nothing(client_of, grille, charge_mission):
    version = grille.version
    Grille.objects.get(pk=grille.pk).save()  # someone saved it since

    response = _post(client_of(charge_mission), grille, "2027-02-01", version=version)

    assert response.status_code == 200
    assert Grille.objects.get(pk=grille.pk).expected_return_on is None


def test_the_intervenant_cannot_date_it(client_of, grille, intervenant):
    assert _post(client_of(intervenant), grille, "2027-02-01").status_code == 403


def test_the_return_is_a_task_of_the_pilots_and_of_the_assigned_firm_only(
    grille, charge_mission, intervenant, colleague, other_intervenant, c2ra_staff
):
    Grille.objects.filter(pk=grille.pk).update(expected_return_on=date(2027, 2, 1))

    for owner in (charge_mission, intervenant, colleague):
        assert [t.kind for t in open_tasks(user=owner)] == ["grille-return"], owner
    for stranger in (other_intervenant, c2ra_staff):
        assert open_tasks(user=stranger) == []


def test_a_handed_in_grille_is_no_longer_a_task(grille, charge_mission, intervenant):
    Grille.objects.filter(pk=grille.pk).update(
        expected_return_on=date(2027, 2, 1), status=GrilleStatus.SUBMITTED
    )

    assert open_tasks(user=intervenant) == []
    assert open_tasks(user=charge_mission) == []
