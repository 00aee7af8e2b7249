from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits whose Luhn key is right (La Poste's sites excepted)."""
    if len(value) != 14 or not value.isdigit():
        raise ValidationError(
            _("Un SIRET compte exactement 14 chiffres."), code="siret_format"
        )
    # La Poste's establishments share SIREN 356000000: their SIRET sums to a multiple of 5.
    if value.startswith("356000000"):
        if sum(int(c) for c in value) % 5 == 0:
            return
    elif luhn_is_valid(value):
        return
    raise ValidationError(
        _("Ce SIRET est invalide : sa clé de contrôle ne correspond pas."), code="siret_key"
    )


def normalize_siret(value: str) -> str:
    return "".join(value.split())


def validate_postal_code(value: str) -> None:
    """A French postal code: five digits (« 59000 », « 97400 »)."""
    if len(value) != 5 or not value.isdigit():
        raise ValidationError(
            _("Un code postal compte exactement 5 chiffres."), code="postal_code_format"
        )
