"""The directory: SIRET checks, near-duplicate names, visible ICs only, constant queries."""

import pytest
from django.urls import reverse

from cycle.models import ProjectStructure
from cycle.vocabulary import PartnerRole
from directory.forms import BeneficiaryStructureForm, PartnerForm
from directory.models import BeneficiaryStructure, Partner
from directory.services import NearDuplicate, create_structure, name_key, similar_structures
from directory.validators import luhn_is_valid
from directory.vocabulary import PartnerKind
from tests.conftest import make_user
from tests.cycle.datasets import intervenant_of, known_set, structure
from tests.cycle.factories import (
    ParticipationFactory,
    ProjectPartnerFactory,
    ProjectPrestataireFactory,
)
from tests.directory.factories import PartnerFactory, PrestataireFactory

STRUCTURE_CREATE = reverse("directory:structure_create")


def siret(prefix: str) -> str:
    """A valid SIRET from 13 digits: the Luhn key completes it."""
    return next(prefix + str(d) for d in range(10) if luhn_is_valid(prefix + str(d)))


def structure_data(**overrides):
    data = {
        "name": "Ressourcerie du Littoral", "legal_form": "association",
        "siret": "73282932000074", "sector": "dechets-reemploi", "employees": "12",
        "aided_jobs": "4", "departement": "62",
    }
    return {**data, **overrides}


@pytest.fixture
def data(charge_mission, other_charge_mission, c2ra_staff):
    return known_set(
        charge_mission=charge_mission,
        other_charge_mission=other_charge_mission,
        c2ra_staff=c2ra_staff,
    )


# --- SIRET


def test_wrong_siret_key_is_explained_beside_the_field_and_input_kept(client, charge_mission):
    client.force_login(charge_mission)
    response = client.post(STRUCTURE_CREATE, structure_data(siret="73282932000075"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["siret"] == ["Ce SIRET est invalide : sa clé de contrôle ne correspond pas."]
    page = response.content.decode()
    assert 'id="error_1_id_siret"' in page or "invalid-feedback" in page
    assert 'value="Ressourcerie du Littoral"' in page
    assert 'value="73282932000075"' in page
    assert 'value="12"' in page
    assert not BeneficiaryStructure.objects.exists()


def test_siret_with_spaces_is_normalised(client, charge_mission):
    client.force_login(charge_mission)
    response = client.post(STRUCTURE_CREATE, structure_data(siret="732 829 320 00074"))
    assert response.status_code == 302
    assert BeneficiaryStructure.objects.get().siret == "73282932000074"


def test_duplicate_siret_is_refused(client, charge_mission):
    BeneficiaryStructure.objects.create(
        name="Autre nom", legal_form="association", siret="73282932000074",
        sector_id="environnement", departement_id="59",
    )
    client.force_login(charge_mission)
    response = client.post(STRUCTURE_CREATE, structure_data(confirm="on"))
    assert response.status_code == 200
    assert response.context["form"].errors["siret"] == [
        "Ce SIRET est déjà enregistré dans l'annuaire."
    ]
    assert BeneficiaryStructure.objects.count() == 1


def test_empty_siret_is_allowed_for_several_structures(db):
    for name in ("Association Alpha", "Coopérative Bêta"):
        form = BeneficiaryStructureForm(data=structure_data(name=name, siret=""))
        assert form.is_valid(), form.errors
        form.save()
    assert list(BeneficiaryStructure.objects.values_list("siret", flat=True)) == [None, None]


def test_prestataire_siret_is_checked_too(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("directory:prestataire_create"), {"name": "Cabinet", "siret": "12345678901234"}
    )
    assert "siret" in response.context["form"].errors


# --- near-duplicate names


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("Association les jardins", "Asso. Les Jardins"),
        ("Ressourcerie du Pévèle", "RESSOURCERIE PEVELE"),
        ("Jardins de Cocagne", "Jardin de Cocagne"),
    ],
)
def test_similar_names_are_found(db, existing, typed):
    structure(existing)
    assert [s.name for s in similar_structures(typed)] == [existing]


def test_different_names_are_not_similar(db):
    structure("Emmaüs Lille")
    assert similar_structures("Emmaüs Roubaix") == []
    assert name_key("Asso. Les Jardins") == name_key("Association les jardins")


def test_near_duplicate_warns_then_saves_after_confirmation(client, charge_mission):
    existing = structure("Association les jardins")
    client.force_login(charge_mission)
    data = structure_data(name="Asso. Les Jardins", siret="")

    response = client.post(STRUCTURE_CREATE, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "un nom proche existe déjà" in page
    assert "« Association les jardins »" in page
    assert reverse("directory:structure_detail", args=[existing.pk]) in page
    assert 'type="checkbox" name="confirm"' in page
    assert BeneficiaryStructure.objects.count() == 1

    response = client.post(STRUCTURE_CREATE, {**data, "confirm": "on"})

    assert response.status_code == 302
    created = BeneficiaryStructure.objects.get(name="Asso. Les Jardins")
    assert response.url == reverse("directory:structure_detail", args=[created.pk])


def test_editing_without_renaming_asks_nothing(db):
    structure("Association les jardins")
    twin = structure("Asso les jardins (antenne)")
    form = BeneficiaryStructureForm(
        instance=twin, data=structure_data(name=twin.name, siret="", departement="59")
    )
    assert form.is_valid(), form.errors


def test_partner_form_flags_near_duplicates(db):
    Partner.objects.create(name="Conseil régional Hauts-de-France", kind=PartnerKind.REGION)
    form = PartnerForm(data={"name": "conseil regional hauts de france", "kind": "region"})
    assert not form.is_valid()
    assert "confirm" in form.errors


def test_service_refuses_a_near_duplicate_unless_confirmed(db):
    structure("Association les jardins")
    fields = {"name": "Asso. Les Jardins", "legal_form": "association",
              "sector_id": "environnement", "departement_id": "59"}
    with pytest.raises(NearDuplicate) as error:
        create_structure(**fields)
    assert [s.name for s in error.value.similar] == ["Association les jardins"]
    assert create_structure(confirmed=True, **fields).pk


# --- who may do what


def test_roles(client, data, charge_mission, c2ra_staff, admin_user):
    intervenant = intervenant_of(data["alpha"], "interv", make_user)
    detail = reverse("directory:structure_detail", args=[data["S1"].pk])
    client.force_login(intervenant)
    assert client.get(detail).status_code == 403
    assert client.get(reverse("directory:structure_list")).status_code == 403
    client.force_login(c2ra_staff)
    assert client.get(detail).status_code == 200
    assert client.get(STRUCTURE_CREATE).status_code == 403
    assert client.post(STRUCTURE_CREATE, structure_data()).status_code == 403
    page = client.get(detail).content.decode()
    assert reverse("directory:structure_update", args=[data["S1"].pk]) not in page
    for user in (charge_mission, admin_user):
        client.force_login(user)
        assert client.get(STRUCTURE_CREATE).status_code == 200


def test_edit_saves_and_redirects(client, data, charge_mission):
    partner = data["network"]
    client.force_login(charge_mission)
    response = client.post(
        reverse("directory:partner_update", args=[partner.pk]),
        {"name": partner.name, "kind": "reseau", "contact": "Marie Dupont"},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.contact == "Marie Dupont"


# --- details list only the ICs the user may see


def test_structure_detail_lists_only_visible_ics(client, data, charge_mission, c2ra_staff):
    url = reverse("directory:structure_detail", args=[data["S1"].pk])  # in A (DLA) and D (C2RA)
    client.force_login(charge_mission)
    response = client.get(url)
    assert [p.project.title for p in response.context["participations"]] == [data["A"].title]
    assert data["D"].title not in response.content.decode()
    client.force_login(c2ra_staff)
    response = client.get(url)
    assert {p.project.title for p in response.context["participations"]} == {
        data["A"].title, data["D"].title,
    }


def test_partner_and_prestataire_details_list_only_visible_ics(
    client, data, charge_mission, other_charge_mission
):
    client.force_login(other_charge_mission)
    response = client.get(reverse("directory:partner_detail", args=[data["network"].pk]))
    assert list(response.context["partnerships"]) == []
    assert data["B"].title not in response.content.decode()
    response = client.get(reverse("directory:prestataire_detail", args=[data["alpha"].pk]))
    assert list(response.context["assignments"]) == []
    client.force_login(charge_mission)
    response = client.get(reverse("directory:prestataire_detail", args=[data["alpha"].pk]))
    assert [a.project.title for a in response.context["assignments"]] == [data["B"].title]


def test_list_counts_only_visible_ics(client, data, charge_mission, other_charge_mission):
    url = reverse("directory:structure_list")
    client.force_login(charge_mission)
    counts = {s.name: s.ic_count for s in client.get(url).context["entries"]}
    assert counts["Structure 1"] == 1  # A only: D is the C2RA's
    assert counts["Structure 2"] == 2  # A and B
    client.force_login(other_charge_mission)
    counts = {s.name: s.ic_count for s in client.get(url).context["entries"]}
    assert counts["Structure 1"] == 0


def test_list_filters(client, data, charge_mission):
    client.force_login(charge_mission)
    response = client.get(reverse("directory:structure_list"), {"q": "jardin"})
    assert [s.name for s in response.context["entries"]] == ["Jardin partagé des Flandres"]
    response = client.get(reverse("directory:partner_list"), {"kind": "reseau"})
    assert [p.name for p in response.context["entries"]] == ["Réseau des Ressourceries"]
    response = client.get(reverse("directory:prestataire_list"), {"q": "beta"})
    assert [p.name for p in response.context["entries"]] == ["Cabinet Beta"]


# --- constant queries on lists and details


def populate(count, charge_mission, project):
    for index in range(count):
        item = structure(f"Structure {index:03d}")
        ParticipationFactory(project=project, structure=item)
        partner = PartnerFactory(name=f"Partenaire {index:03d}", kind=PartnerKind.NETWORK)
        ProjectPartnerFactory(project=project, partner=partner, role=PartnerRole.NETWORK)
        firm = PrestataireFactory(
            name=f"Cabinet {index:03d}", siret=siret(f"{index:013d}"), approved_regions=["32", "11"]
        )
        ProjectPrestataireFactory(project=project, prestataire=firm)


# session and user (2), count + page (2), the session saved again (3), plus the
# prestataires' approved regions (1). The filters' choices come from the declared
# reference data: no query.
LIST_QUERIES = {
    "directory:structure_list": 7,
    "directory:partner_list": 7,
    "directory:prestataire_list": 8,
}


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_list_queries_do_not_grow(
    client, charge_mission, project, django_assert_num_queries, name, count
):
    populate(count, charge_mission, project)
    client.force_login(charge_mission)
    with django_assert_num_queries(LIST_QUERIES[name]):
        response = client.get(reverse(name))
    assert len(response.context["entries"]) == count


@pytest.mark.parametrize("count", [5, 50])
def test_detail_queries_do_not_grow(
    client, charge_mission, project_factory, django_assert_num_queries, count
):
    item = structure("Structure partagée")
    for index in range(count):
        ProjectStructure.objects.create(
            project=project_factory(title=f"IC {index}"), structure=item
        )
    client.force_login(charge_mission)
    # session and user (2), the structure (1), its ICs (1), the session saved again (3)
    with django_assert_num_queries(7):
        response = client.get(reverse("directory:structure_detail", args=[item.pk]))
    assert len(response.context["participations"]) == count


def test_names_differing_by_a_number_are_not_similar(db):
    structure("Régie de quartier 59")
    assert similar_structures("Regie de quartier 62") == []
    assert [s.name for s in similar_structures("Régie de quartier (59)")] == ["Régie de quartier 59"]


def test_service_creates_from_a_form_s_cleaned_data(db):
    """The project page creates entries in place: form.cleaned_data goes to the service."""
    from directory.forms import PrestataireForm
    from directory.services import create_prestataire

    form = PrestataireForm(data={"name": "Cabinet Delta", "siret": "", "approved_regions": ["32", "11"]})
    assert form.is_valid(), form.errors
    fields = {k: v for k, v in form.cleaned_data.items() if k != "confirm"}
    firm = create_prestataire(confirmed=True, **fields)
    assert sorted(firm.approved_regions.values_list("code", flat=True)) == ["11", "32"]
    assert firm.siret is None


def test_filter_choices_are_the_reference_tables(db):
    """The filters offer the declared reference data, which the tables are kept equal to."""
    from directory.filters import departement_choices, region_choices, sector_choices
    from directory.models import Departement, Region, Sector

    assert dict(region_choices()) == {r.pk: r.name for r in Region.objects.all()}
    assert dict(departement_choices()) == {d.pk: str(d) for d in Departement.objects.all()}
    assert dict(sector_choices()) == {s.pk: s.label for s in Sector.objects.all()}


def test_list_filter_on_reference_data(client, data, charge_mission):
    client.force_login(charge_mission)
    response = client.get(reverse("directory:structure_list"), {"region": "32", "sector": "?"})
    assert response.status_code == 200
    assert 'class="form-select is-invalid"' in response.content.decode()
    response = client.get(reverse("directory:structure_list"), {"departement": "59"})
    assert all(s.departement_id == "59" for s in response.context["entries"])
