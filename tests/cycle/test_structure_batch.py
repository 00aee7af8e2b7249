"""« Ajouter plusieurs structures »: several new structures in one submission, all or none."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cycle import services
from cycle.models import ProjectStructure
from directory.models import BeneficiaryStructure
from directory.vocabulary import LegalForm
from tests.directory.factories import BeneficiaryStructureFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
P = "nouvelles-structures"


def row(name, **fields):
    return {
        "name": name, "legal_form": LegalForm.ASSOCIATION, "siret": None,
        "sector_id": "sport", "departement_id": "59", "employees": None, "confirmed": False,
        **fields,
    }


def test_every_row_is_created_and_added_in_one_go(project):
    participations = services.create_and_add_structures(
        project, rows=[row("Club A"), row("Ressourcerie du Val", employees=4), row("Régie B")]
    )
    assert [p.status for p in participations] == ["identifiee"] * 3
    assert sorted(project.participations.values_list("structure__name", flat=True)) == [
        "Club A", "Ressourcerie du Val", "Régie B",
    ]
    assert BeneficiaryStructure.objects.get(name="Ressourcerie du Val").employees == 4


def test_one_bad_row_and_none_is_created(project):
    with pytest.raises(services.RowsRefused) as refused:
        services.create_and_add_structures(
            project, rows=[row("Club A"), row("Régie B", siret="123")]
        )
    assert list(refused.value.errors) == [1] and "siret" in refused.value.errors[1]
    assert not BeneficiaryStructure.objects.exists() and not project.participations.exists()


def test_two_rows_for_the_same_structure_are_refused_beside_the_second(project):
    with pytest.raises(services.RowsRefused) as refused:
        services.create_and_add_structures(project, rows=[
            row("Club A", siret="73282932000074"), row("club  a"),
            row("Régie B", siret="73282932000074"),
        ])
    errors = refused.value.errors
    assert set(errors) == {1, 2}
    assert errors[1]["name"] == ["Déjà saisie à la ligne 1 de ce formulaire."]
    assert errors[2]["siret"] == ["Déjà saisie à la ligne 1 de ce formulaire."]
    assert not BeneficiaryStructure.objects.exists()


def test_a_siret_already_in_the_directory_names_its_structure(project):
    BeneficiaryStructureFactory(name="Recyclerie du Nord", siret="73282932000074")
    with pytest.raises(services.RowsRefused) as refused:
        services.create_and_add_structures(project, rows=[row("Ateliers", siret="73282932000074")])
    [message] = refused.value.errors[0]["siret"]
    assert "« Recyclerie du Nord »" in message and "Repérer une structure" in message
    assert BeneficiaryStructure.objects.count() == 1


def test_a_near_name_needs_the_rows_confirmation(project):
    BeneficiaryStructureFactory(name="Jardins de Cocagne")
    rows = [row("Club A"), row("Jardin de Cocagne")]
    with pytest.raises(services.RowsRefused) as refused:
        services.create_and_add_structures(project, rows=rows)
    assert list(refused.value.errors) == [1] and "« Je confirme »" in (
        refused.value.errors[1]["confirm"][0]
    )
    assert BeneficiaryStructure.objects.count() == 1

    rows[1]["confirmed"] = True
    services.create_and_add_structures(project, rows=rows)
    assert project.participations.count() == 2


def test_no_row_or_too_many_rows_are_refused(project):
    with pytest.raises(ValidationError, match="au moins une ligne"):
        services.create_and_add_structures(project, rows=[])
    too_many = [row(f"Club {n}") for n in range(services.MAX_NEW_STRUCTURES + 1)]
    with pytest.raises(ValidationError, match="Au plus 30 structures"):
        services.create_and_add_structures(project, rows=too_many)
    assert not BeneficiaryStructure.objects.exists()


# --- the form on the Acteurs tab


@pytest.fixture
def pilot(client, charge_mission):
    client.force_login(charge_mission)
    return client


def posted(*rows, **extra):
    data = {"action": "create_many", f"{P}-TOTAL_FORMS": str(len(rows)),
            f"{P}-INITIAL_FORMS": "0", **extra}
    for index, fields in enumerate(rows):
        data.update({f"{P}-{index}-{name}": value for name, value in fields.items()})
    return data


def typed(name, **fields):
    return {"name": name, "legal_form": "association", "siret": "", "sector": "sport",
            "departement": "59", "employees": "", **fields}


def url(project):
    return reverse("cycle:project_structures", args=[project.pk])


def test_one_submission_adds_every_row_and_refreshes_the_guidance(pilot, project):
    data = posted(typed("Club A"), {"name": "", "legal_form": "", "sector": "",
                                    "departement": ""}, typed("Régie B", employees="3"))
    response = pilot.post(url(project), data, **HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == '{"ic-changed": {}}'
    html = response.text
    assert html.startswith('<section id="structures"') and "Club A" in html and "Régie B" in html
    assert ProjectStructure.objects.filter(project=project).count() == 2


def test_refused_rows_keep_every_input_with_errors_beside_fields(pilot, project):
    data = posted(typed("Club A", employees="12"), typed("Régie B", siret="123"),
                  typed("club a"))
    response = pilot.post(url(project), data, **HTMX)
    html = response.text
    assert response.status_code == 200 and "HX-Trigger" not in response.headers
    assert not BeneficiaryStructure.objects.exists()
    # Every row as typed, the refused one's message beside its SIRET.
    assert 'value="Club A"' in html and 'value="12"' in html and 'value="Régie B"' in html
    siret = html.split(f'for="id_{P}-1-siret"')[1].split(f'for="id_{P}-1-sector"')[0]
    assert 'value="123"' in siret and "is-invalid" in siret and "SIRET" in siret.split(
        "invalid-feedback"
    )[1]
    assert "Aucune structure n'a été créée : corrigez les lignes signalées." in html
    assert '<details open class="mt-3">' in html

    # Fixed: the repeated name is then refused beside the third row.
    html = pilot.post(url(project), posted(typed("Club A"), typed("Régie B"),
                                           typed("club a")), **HTMX).text
    third = html.split(f'name="{P}-2-name"')[1].split(f'name="{P}-2-legal_form"')[0]
    assert "Déjà saisie à la ligne 1 de ce formulaire." in third
    assert not BeneficiaryStructure.objects.exists()


def test_a_near_name_asks_for_its_rows_confirmation(pilot, project):
    BeneficiaryStructureFactory(name="Jardins de Cocagne")
    data = posted(typed("Club A"), typed("Jardin de Cocagne"))
    html = pilot.post(url(project), data, **HTMX).text
    assert f'name="{P}-1-confirm"' in html and 'type="checkbox"' in html.split(
        f'name="{P}-1-confirm"'
    )[0][-200:]
    assert BeneficiaryStructure.objects.count() == 1

    pilot.post(url(project), {**data, f"{P}-1-confirm": "on"}, **HTMX)
    assert project.participations.count() == 2


def test_too_many_rows_are_refused_in_french(pilot, project):
    rows = [typed(f"Club {n}") for n in range(31)]
    html = pilot.post(url(project), posted(*rows), **HTMX).text
    assert "Au plus 30 structures par envoi." in html
    assert "corrigez les lignes signalées" not in html  # no row is at fault
    assert not BeneficiaryStructure.objects.exists()


def test_without_htmx_the_blank_form_offers_rows_and_the_page_comes_back(pilot, project):
    page = pilot.get(url(project), {"formulaire": P}).text
    assert f'id="formulaire-{P}"' in page and f'name="{P}-2-name"' in page
    response = pilot.post(url(project), posted(typed("Club A"), typed("Régie B")))
    assert response.status_code == 302
    assert project.participations.count() == 2


def test_the_rows_propose_the_ics_sector_and_departement(pilot, project_factory):
    project = project_factory(sectors=["sport"], departements=["23"])
    html = pilot.get(url(project), {"formulaire": P}, **HTMX).text
    for index in range(3):
        sector = html.split(f'name="{P}-{index}-sector"')[1].split("</select>")[0]
        assert '<option value="sport" selected>Sport</option>' in sector
        assert '<optgroup label="De cette IC">' in sector
    # A row left with only the proposals is blank: ignored.
    blank = {"name": "", "legal_form": "", "sector": "sport", "departement": "23"}
    pilot.post(url(project), posted(typed("Club A", departement="23"), blank), **HTMX)
    assert project.participations.get().structure.departement_id == "23"


@pytest.mark.parametrize("who", ["c2ra_staff", "other_charge_mission"])
def test_only_who_may_edit_the_ic_adds_structures(client, project, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url(project), posted(typed("Club A")), **HTMX)
    assert response.status_code in {403, 404}
    assert not BeneficiaryStructure.objects.exists()


def test_the_tab_builds_no_row_until_the_form_is_opened(pilot, project):
    page = pilot.get(reverse("cycle:project_detail", args=[project.pk]), {"onglet": "acteurs"})
    assert f'name="{P}-0-name"' not in page.text
    assert f'hx-get="{url(project)}?formulaire={P}"' in page.text
