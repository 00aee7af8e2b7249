"""SIRET validation (Luhn key) at the model level."""

import pytest
from django.core.exceptions import ValidationError

from directory.models import BeneficiaryStructure
from directory.validators import validate_siret


@pytest.mark.parametrize("siret", ["73282932000074", "35600000000001"])
def test_valid_siret_accepted(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("73282932000075", "Ce SIRET est invalide : sa clé de contrôle ne correspond pas."),
        ("7328293200007", "Un SIRET compte exactement 14 chiffres."),
        ("7328293200007A", "Un SIRET compte exactement 14 chiffres."),
    ],
)
def test_wrong_siret_refused_with_a_french_message(siret, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert error.value.messages == [message]


@pytest.mark.django_db
def test_model_validation_reports_the_siret_field():
    structure = BeneficiaryStructure(
        name="Ressourcerie du Littoral", legal_form="association", siret="73282932000075",
        sector_id="dechets-reemploi", departement_id="62",
    )
    with pytest.raises(ValidationError) as error:
        structure.full_clean()
    assert error.value.message_dict == {
        "siret": ["Ce SIRET est invalide : sa clé de contrôle ne correspond pas."]
    }
