"""Search and filters of the directory lists (django-filter, in the GET query string).

Regions, départements and sectors are offered from their declarations (territories.py,
vocabulary.py), which the reference tables are kept equal to: no query, no model
instance per option. The form is rendered without a template pack (see FilterForm).
"""

import django_filters
from django.db.models import F, OrderBy, Q
from django.utils.translation import gettext_lazy as _

from dla_ic.filters import FilterForm
from dla_ic.search import all_words, fold

from .models import BeneficiaryStructure, Partner, Prestataire
from .territories import DEPARTEMENTS, REGIONS
from .vocabulary import SECTORS, LegalForm, PartnerKind


def sorted_after_search(model) -> list[OrderBy]:
    """The model's order, written so that PostgreSQL reads a search's matches through its
    trigram indexes, then sorts them. Walking the name's btree index in order instead, it
    checked every row up to the first match (22,000 before « Mobilité »: 66 ms). No index
    gives NULLS FIRST; it changes nothing else, these columns being NOT NULL."""
    return [OrderBy(F(name), nulls_first=True) for name in model._meta.ordering]


def region_choices() -> list[tuple[str, str]]:
    return sorted(REGIONS.items(), key=lambda item: fold(str(item[1])))


def departement_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} – {name}") for code, (name, _region) in sorted(DEPARTEMENTS.items())]


def sector_choices() -> list[tuple[str, str]]:
    """Callable: the labels are translated, then sorted, when the form is shown."""
    return sorted(((code, str(label)) for code, label in SECTORS.items()),
                  key=lambda item: fold(str(item[1])))


class SearchFilterSet(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ("name",)
    code_fields: tuple[str, ...] = ()  # searched from their start, by a word of digits

    q = django_filters.CharFilter(
        label=_("Rechercher"), method="search",
        help_text=_("Un mot d'une ou deux lettres cherche un début de mot ; "
                    "des chiffres cherchent aussi le début d'un SIRET."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["aria-describedby"] = f"{self.form['q'].auto_id}-aide"

    def search(self, queryset, name, value):
        """Every word in one of ``search_fields``, accents and case ignored, or at the start
        of one of ``code_fields`` (indexed, dla_ic/search.py)."""
        for condition in all_words(value, *self.search_fields, codes=self.code_fields):
            queryset = queryset.filter(condition)
        return queryset.order_by(*sorted_after_search(queryset.model))


class PartnerFilter(SearchFilterSet):
    search_fields = ("name", "contact")

    kind = django_filters.ChoiceFilter(label=_("Type"), choices=PartnerKind.choices)
    region = django_filters.ChoiceFilter(
        label=_("Région"), choices=region_choices, method="filter_region",
    )

    class Meta:
        model = Partner
        form = FilterForm
        fields = ["q", "kind", "region"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(region=value) | Q(departement__region=value))


class BeneficiaryStructureFilter(SearchFilterSet):
    search_fields = ("name",)
    code_fields = ("siret",)

    legal_form = django_filters.ChoiceFilter(label=_("Forme juridique"), choices=LegalForm.choices)
    sector = django_filters.ChoiceFilter(label=_("Secteur d'activité"), choices=sector_choices)
    region = django_filters.ChoiceFilter(
        label=_("Région"), choices=region_choices, field_name="departement__region"
    )
    departement = django_filters.ChoiceFilter(
        label=_("Département"), choices=departement_choices
    )

    class Meta:
        model = BeneficiaryStructure
        form = FilterForm
        fields = ["q", "legal_form", "sector", "region", "departement"]


class PrestataireFilter(SearchFilterSet):
    search_fields = ("name", "email")
    code_fields = ("siret",)

    region = django_filters.ChoiceFilter(
        label=_("Référencé dans la région"), choices=region_choices,
        field_name="approved_regions", distinct=True,
    )
    departement = django_filters.ChoiceFilter(
        label=_("Département"), choices=departement_choices
    )

    class Meta:
        model = Prestataire
        form = FilterForm
        fields = ["q", "region", "departement"]
