"""Search and filters of the directory lists (django-filter, in the GET query string)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import BeneficiaryStructure, Departement, Partner, Prestataire, Region, Sector
from .vocabulary import LegalForm, PartnerKind


class SearchFilterSet(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ("name",)

    q = django_filters.CharFilter(label=_("Rechercher"), method="search")

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset


class PartnerFilter(SearchFilterSet):
    search_fields = ("name", "contact")

    kind = django_filters.ChoiceFilter(label=_("Type"), choices=PartnerKind.choices)
    region = django_filters.ModelChoiceFilter(
        label=_("Région"), queryset=Region.objects.all(),
        method="filter_region",
    )

    class Meta:
        model = Partner
        fields = ["q", "kind", "region"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(region=value) | Q(departement__region=value))


class BeneficiaryStructureFilter(SearchFilterSet):
    search_fields = ("name", "siret")

    legal_form = django_filters.ChoiceFilter(label=_("Forme juridique"), choices=LegalForm.choices)
    sector = django_filters.ModelChoiceFilter(
        label=_("Secteur d'activité"), queryset=Sector.objects.all()
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Région"), queryset=Region.objects.all(), field_name="departement__region"
    )
    departement = django_filters.ModelChoiceFilter(
        label=_("Département"), queryset=Departement.objects.all()
    )

    class Meta:
        model = BeneficiaryStructure
        fields = ["q", "legal_form", "sector", "region", "departement"]


class PrestataireFilter(SearchFilterSet):
    search_fields = ("name", "siret", "email")

    region = django_filters.ModelChoiceFilter(
        label=_("Référencé dans la région"), queryset=Region.objects.all(),
        field_name="approved_regions", distinct=True,
    )
    departement = django_filters.ModelChoiceFilter(
        label=_("Département"), queryset=Departement.objects.all()
    )

    class Meta:
        model = Prestataire
        fields = ["q", "region", "departement"]
