"""Read-side queries of the directory: lists with their IC counts, constant in queries.

The IC count of a row only counts the ICs the user may see: the IC's app tells it
(directory/hooks.py).
"""

from django.db.models import QuerySet

from . import hooks
from .models import BeneficiaryStructure, Partner, Prestataire


def partner_list(user) -> QuerySet[Partner]:
    return Partner.objects.select_related("region", "departement").only(
        "name", "kind", "contact", "region__name", "departement__name"
    ).annotate(
        ic_count=hooks.ic_count(user, Partner)
    )


def structure_list(user) -> QuerySet[BeneficiaryStructure]:
    """Only the columns the list shows."""
    return BeneficiaryStructure.objects.select_related("sector", "departement").only(
        "name", "legal_form", "siret", "sector__label", "departement__name"
    ).annotate(
        ic_count=hooks.ic_count(user, BeneficiaryStructure)
    )


def prestataire_list(user) -> QuerySet[Prestataire]:
    return (
        Prestataire.objects.select_related("departement")
        .only("name", "siret", "departement__name")
        .prefetch_related("approved_regions")
        .annotate(ic_count=hooks.ic_count(user, Prestataire))
    )


def partner_detail(pk) -> QuerySet[Partner]:
    return Partner.objects.select_related("region", "departement").filter(pk=pk)


def structure_detail(pk) -> QuerySet[BeneficiaryStructure]:
    return BeneficiaryStructure.objects.select_related(
        "sector", "departement__region"
    ).filter(pk=pk)


def prestataire_detail(pk) -> QuerySet[Prestataire]:
    return (
        Prestataire.objects.select_related("departement")
        .prefetch_related("approved_regions", "intervenants")
        .filter(pk=pk)
    )
