"""A structure's address, postal code and commune: typed in its form, shown on its page."""

from django.urls import reverse

from directory.models import BeneficiaryStructure
from tests.directory.factories import BeneficiaryStructureFactory

from .test_directory import STRUCTURE_CREATE, structure_data


def test_the_address_is_saved_and_shown(client, charge_mission):
    client.force_login(charge_mission)
    response = client.post(STRUCTURE_CREATE, structure_data(
        departement="59", address="3 rue Nationale", postal_code="59000", commune="Lille"))
    assert response.status_code == 302
    created = BeneficiaryStructure.objects.get()
    assert (created.address, created.postal_code, created.commune) == (
        "3 rue Nationale", "59000", "Lille")
    page = client.get(reverse("directory:structure_detail", args=[created.pk])).content.decode()
    assert "3 rue Nationale" in page and "59000 Lille" in page


def test_a_wrong_postal_code_is_explained_beside_the_field(client, charge_mission):
    client.force_login(charge_mission)
    response = client.post(STRUCTURE_CREATE, structure_data(
        departement="59", postal_code="590", commune="Lille"))
    assert response.status_code == 200
    assert response.context["form"].errors["postal_code"] == [
        "Un code postal compte exactement 5 chiffres."]
    assert 'value="Lille"' in response.content.decode()
    assert not BeneficiaryStructure.objects.exists()


def test_the_address_is_editable_and_optional(client, charge_mission):
    known = BeneficiaryStructureFactory(departement_id="59", siret="73282932000074")
    url = reverse("directory:structure_update", args=[known.pk])
    client.force_login(charge_mission)
    form = client.get(url).context["form"]
    assert {"address", "postal_code", "commune"} <= set(form.fields)
    data = structure_data(name=known.name, departement="59", commune="Roubaix",
                          version=known.version)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    known.refresh_from_db()
    assert (known.commune, known.address, known.postal_code) == ("Roubaix", "", "")
