"""Read-side queries of the directory: lists with their IC counts, constant in queries.

The IC count of a row only counts the ICs the user may see (cycle.rules).
"""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from cycle.models import ProjectPartner, ProjectPrestataire, ProjectStructure
from cycle.selectors import visible_projects

from .models import BeneficiaryStructure, Partner, Prestataire


def _visible_ic_count(user, through, field: str):
    """Subquery: how many distinct visible ICs the outer row takes part in."""
    rows = (
        through.objects.filter(
            **{field: OuterRef("pk")}, project__in=visible_projects(user).values("pk")
        )
        .order_by()
        .values(field)
        .annotate(count=Count("project", distinct=True))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def partner_list(user) -> QuerySet[Partner]:
    return Partner.objects.select_related("region", "departement").only(
        "name", "kind", "contact", "region__name", "departement__name"
    ).annotate(
        ic_count=_visible_ic_count(user, ProjectPartner, "partner")
    )


def structure_list(user) -> QuerySet[BeneficiaryStructure]:
    """Only the columns the list shows."""
    return BeneficiaryStructure.objects.select_related("sector", "departement").only(
        "name", "legal_form", "siret", "sector__label", "departement__name"
    ).annotate(
        ic_count=_visible_ic_count(user, ProjectStructure, "structure")
    )


def prestataire_list(user) -> QuerySet[Prestataire]:
    return (
        Prestataire.objects.select_related("departement")
        .only("name", "siret", "departement__name")
        .prefetch_related("approved_regions")
        .annotate(ic_count=_visible_ic_count(user, ProjectPrestataire, "prestataire"))
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
