"""Values that broke pages for everyone (issue 13, point 4): refused at the form, or survived."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cycle import services
from cycle.models import CapitalisationItem, Project
from cycle.vocabulary import CapitalisationNature
from monographs import services as documents
from monographs.models import Specification
from tests.cycle.test_project_forms import form_data as project_data
from tests.monographs.test_specification import form_data as specification_data


@pytest.fixture
def pilot(client, charge_mission):
    client.force_login(charge_mission)
    return client


def test_a_reply_deadline_in_year_1_is_refused_beside_the_field(pilot, project):
    specification = documents.specification_for(project)
    url = reverse("monographs:specification_edit", args=[project.pk])

    response = pilot.post(url, specification_data(specification, reply_deadline="0001-01-01T00:00"))

    assert response.status_code == 400
    assert "Saisissez une date entre 1900 et 2100" in response.content.decode()
    assert Specification.objects.get(pk=specification.pk).reply_deadline is None
    assert pilot.get(reverse("monographs:specification_detail", args=[project.pk])).status_code == 200


@pytest.mark.parametrize("when", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_far_launch_date_is_refused(pilot, dla, when):
    response = pilot.post(reverse("cycle:project_create"), project_data(dla, launched_on=when))

    assert response.status_code == 200
    assert "Saisissez une date entre 1900 et 2100" in response.content.decode()
    assert not Project.objects.exists()


def test_control_characters_are_stripped_from_text(pilot, dla):
    pilot.post(reverse("cycle:project_create"), project_data(dla, title="Emplois\x01\x0b durables"))

    assert Project.objects.get().title == "Emplois durables"


def test_the_xlsx_export_survives_a_control_character_already_stored(pilot, project):
    Project.objects.filter(pk=project.pk).update(title="Titre\x07 ancien\x1b")

    response = pilot.get(reverse("cycle:export_xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Titre ancien"


def test_a_huge_problem_statement_is_refused_in_french(pilot, dla):
    data = project_data(dla, problem_statement="x" * 1_500_000)

    response = pilot.post(reverse("cycle:project_create"), data)

    assert response.status_code == 200
    assert "comporte au plus 20000 caractères" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("row", ["abc", "1.5", "-", "９"])
def test_a_non_numeric_row_is_not_found(pilot, project, row):
    services.add_capitalisation_item(project, title="Fiche", nature=CapitalisationNature.TOOL)
    url = reverse("cycle:project_capitalisation", args=[project.pk])

    response = pilot.post(url, {"action": "remove", "row": row})

    assert response.status_code == 404
    assert CapitalisationItem.objects.count() == 1


def test_a_nul_byte_in_the_directory_search_is_harmless(pilot, project):
    url = reverse("cycle:project_detail", args=[project.pk])

    response = pilot.get(url, {"onglet": "acteurs", "recherche": "ab\x00c"})

    assert response.status_code == 200


def test_the_admin_refuses_a_far_date_in_a_form_and_in_an_inline(rf, admin_user):
    from django.contrib import admin

    from cycle.models import Committee

    request = rf.get("/")
    request.user = admin_user
    project_admin = admin.site._registry[Project]
    form = project_admin.get_form(request)(data={"launched_on": "0001-01-01"})
    assert "Saisissez une date entre 1900 et 2100." in form.errors["launched_on"]
    inline = next(i for i in project_admin.get_inline_instances(request) if i.model.__name__
                  == "ProjectPrestataire")
    row = inline.get_formset(request).form(data={"selected_on": "9999-01-01"})
    assert "Saisissez une date entre 1900 et 2100." in row.errors["selected_on"]
    committee_form = admin.site._registry[Committee].get_form(request)(data={"purpose": "a\x01"})
    assert "purpose" not in committee_form.errors  # stripped, as in every form
    assert committee_form.cleaned_data["purpose"] == "a"


@pytest.mark.parametrize("wrong", ["abc", "0054-11-20", "99999999999999999999999"])
def test_the_admin_redisplays_a_form_with_a_wrong_autocomplete_id(client, admin_user, wrong):
    client.force_login(admin_user)

    response = client.post(reverse("admin:cycle_committee_add"), {"project": wrong})

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


@pytest.mark.parametrize("wrong", ["9223372036854775808", "-99999999999999999999"])
def test_an_id_no_key_can_hold_is_an_invalid_choice(pilot, dla, wrong):
    response = pilot.post(reverse("cycle:project_create"), project_data(dla, pilots=[wrong]))

    assert response.status_code == 200
    assert "n’est pas une valeur correcte." in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("departements", ["", "abc", "99"])
def test_the_admin_redisplays_a_form_with_a_wrong_many_to_many_id(client, admin_user, departements):
    client.force_login(admin_user)

    response = client.post(reverse("admin:cycle_project_add"), {"departements": departements})

    assert response.status_code == 200


def test_the_admin_adds_no_offer_by_hand(client, admin_user):
    client.force_login(admin_user)
    data = {"versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0"}

    assert client.post(reverse("admin:tenders_offer_add"), data).status_code == 403


def test_the_admin_redisplays_a_form_with_a_number_for_a_json_list(client, admin_user):
    client.force_login(admin_user)

    response = client.post(reverse("admin:grille_grille_add"), {"intervention_types": "0"})

    assert response.status_code == 200


def test_the_admin_strips_a_nul_from_an_autocomplete_id(client, admin_user):
    client.force_login(admin_user)

    response = client.post(reverse("admin:directory_partner_add"), {"region": "\x00"})

    assert response.status_code == 200
