"""The dashboard's filters (django-filter): they live in the GET query string.

Filters crossing to-many relations select IC ids, so the dashboard's
annotations are never multiplied by joins.
"""

from dataclasses import dataclass
from itertools import islice

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from directory.filters import region_choices, sector_choices
from directory.models import BeneficiaryStructure, Organisation, Partner, Prestataire
from dla_ic.filters import FilterForm
from dla_ic.search import fold, word_in

from .dashboard_columns import SORT_LABELS, SORTS
from .models import Project, ProjectPartner, ProjectPilot, ProjectPrestataire, ProjectStructure
from .selectors import BOARD_COLUMNS, COLUMNS_BY_KEY, DASHBOARD_FIGURES, with_dashboard_figures
from .vocabulary import ICType

# The DLA and prestataire lists run to 1,500 entries for an admin: cached per user,
# refreshed when a pilot or prestataire row is added or removed, or after five minutes
# (a renamed entry). Validation always reads the database.
OPTIONS_TTL = 300
CACHED_OPTIONS = {"organisation": ProjectPilot, "prestataire": ProjectPrestataire}


class CachedOptions(BaseChoiceIterator):
    """A select's entries, read from the cache when it is rendered (exports never are).

    A choice iterator, so that Django neither reads it early nor normalises it again
    at each pass (the widget makes two).
    """

    def __init__(self, field, links, user):
        self.field, self.links, self.user = field, links, user
        self.options = self.cached = None

    def __iter__(self):
        if self.options is None:
            self.options = [("", self.field.empty_label), *self.listed()]
        return iter(self.options)

    def listed(self) -> list:
        """The entries the select shows: all of them."""
        return self.entries()

    def entries(self) -> list:
        if self.cached is None:
            self.cached = self.read()
        return self.cached

    def read(self) -> list:
        version = self.links.objects.aggregate(count=Count("pk"), last=Max("pk"))
        # The user's role and organisation decide which ICs, hence which entries, they see.
        scope = [getattr(self.user, name, "") for name in ("pk", "role", "organisation_id")]
        key = ":".join(
            map(str, ("filter-options", self.links._meta.model_name, *scope, *version.values()))
        )
        entries = cache.get(key)
        if entries is None:
            entries = [(entry.pk, str(entry)) for entry in self.field.queryset.only("name")]
            cache.set(key, entries, OPTIONS_TTL)
        return entries


# Issue 20: rendering 1,500 <option>s was a large share of the dashboard's Python time.
# Past SEARCH_THRESHOLD entries, a select lists « Tous », the chosen entry and those
# matching its search field (at most SEARCH_CAP), fetched as one types (cycle:filter_options)
# or on submitting the form without JavaScript. Below it (a chargé de mission's few
# entries) the full select, no search field.
SEARCH_THRESHOLD = 50
SEARCH_CAP = 50
SEARCH_LABELS = {
    "organisation": _("Chercher un DLA…"),
    "prestataire": _("Chercher un prestataire…"),
}
NO_MATCH = "aucun-resultat"  # the value of the disabled « Aucun résultat » option


def search_param(name: str) -> str:
    """The search field's name in the GET form: ``organisation_q`` beside ``organisation``."""
    return f"{name}_q"


def narrowed(entries: list, *, chosen: str = "", query: str = "") -> list:
    """The chosen entry (if among ``entries``), then at most SEARCH_CAP whose label holds
    every word of ``query``, accents and case ignored; none but the chosen one without a
    query, « Aucun résultat » (disabled) when a query matches nothing."""
    kept = [entry for entry in entries if str(entry[0]) == chosen]
    words = (fold(query) or "").split()
    if not words:
        return kept
    matches = list(islice((
        entry for entry in entries
        if str(entry[0]) != chosen and all(word in fold(entry[1]) for word in words)
    ), SEARCH_CAP))
    return [*kept, *matches] if matches else [*kept, (NO_MATCH, _("Aucun résultat"))]


class SearchedOptions(CachedOptions):
    """CachedOptions narrowed to the chosen entry and the search's matches past the
    threshold (``always``: whatever their number, for the search endpoint)."""

    def __init__(self, field, links, user, *, chosen="", query="", always=False):
        super().__init__(field, links, user)
        self.chosen, self.query, self.always = str(chosen or ""), query or "", always

    @property
    def searchable(self) -> bool:
        return len(self.entries()) > SEARCH_THRESHOLD

    def listed(self) -> list:
        if self.always or self.searchable:
            return narrowed(self.entries(), chosen=self.chosen, query=self.query)
        return self.entries()


class SearchedSelect(forms.Select):
    """A select whose « Aucun résultat » option is a hint, not a choice."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value == NO_MATCH:
            option["attrs"]["disabled"] = True
        return option


@dataclass(frozen=True)
class SearchBox:
    """What the template needs to put a search field before a long select."""

    name: str
    label: str
    options: SearchedOptions

    @property
    def shown(self) -> bool:
        return self.options.searchable

    @property
    def param(self) -> str:
        return search_param(self.name)

    @property
    def query(self) -> str:
        return self.options.query

    @property
    def cap(self) -> int:
        return SEARCH_CAP


class FigureOrderingFilter(django_filters.OrderingFilter):
    """Sorts on model fields or on a dashboard figure, annotating only the one sorted on."""

    def filter(self, qs, value):
        figures = [
            self.param_map.get(param.lstrip("-"))
            for param in value or ()
            if self.param_map.get(param.lstrip("-")) in DASHBOARD_FIGURES
        ]
        if figures:
            qs = with_dashboard_figures(qs, *figures)
        return super().filter(qs, value)


def _ids(*conditions, **lookups):
    return Project.objects.filter(*conditions, **lookups).values("pk")


def _any(*lookups: dict) -> Q:
    """ICs matching any of ``lookups``, one id subquery each: PostgreSQL plans each as an
    indexed semi-join, where one query OR-ing their joins read them all (20 ms → 5 ms
    for a region)."""
    condition = Q()
    for lookup in lookups:
        condition |= Q(pk__in=_ids(**lookup))
    return condition


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Rechercher"), method="search")
    organisation = django_filters.ModelChoiceFilter(
        label=_("DLA / C2RA"), queryset=Organisation.objects.none(), method="by_organisation",
        empty_label=_("Tous"),
    )
    # From the declarations the reference tables are kept equal to: no query per page.
    region = django_filters.ChoiceFilter(
        label=_("Région"), choices=region_choices, method="by_region",
        empty_label=_("Toutes"),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Étape"), choices=[(c.key, c.label) for c in BOARD_COLUMNS],
        method="by_stage", empty_label=_("Toutes"),
    )
    ic_type = django_filters.ChoiceFilter(
        label=_("Type d'IC"), choices=ICType.choices, empty_label=_("Tous")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Secteur"), choices=sector_choices, method="by_sector",
        empty_label=_("Tous"),
    )
    year = django_filters.NumberFilter(
        label=_("Année"), field_name="launched_on", lookup_expr="year",
    )
    prestataire = django_filters.ModelChoiceFilter(
        label=_("Prestataire"), queryset=Prestataire.objects.none(), method="by_prestataire",
        empty_label=_("Tous"),
    )
    o = FigureOrderingFilter(
        fields=SORTS, field_labels=SORT_LABELS, label=_("Trier par"),
    )

    class Meta:
        model = Project
        form = FilterForm
        fields = [
            "q", "organisation", "region", "stage", "ic_type", "sector", "year", "prestataire",
        ]

    def __init__(self, *args, visible=None, searching=False, **kwargs):
        """``visible``: the user's ICs, to offer only the DLA and firms found in them;
        ``searching``: the long selects narrowed to their search whatever their length."""
        super().__init__(*args, **kwargs)
        visible_ids = (visible if visible is not None else self.queryset).order_by().values("pk")
        self.filters["organisation"].queryset = Organisation.objects.filter(
            pk__in=Organisation.objects.filter(pilotages__project__in=visible_ids).values("pk")
        )
        self.filters["prestataire"].queryset = Prestataire.objects.filter(
            pk__in=Prestataire.objects.filter(assignments__project__in=visible_ids).values("pk")
        )
        user = getattr(self.request, "user", None)
        data = self.data or {}
        for name, links in CACHED_OPTIONS.items():
            field = self.form.fields[name]
            options = SearchedOptions(
                field, links, user, chosen=data.get(name), query=data.get(search_param(name)),
                always=searching,
            )
            field.widget = SearchedSelect(attrs=field.widget.attrs)
            field.widget.choices = options
            field.search = SearchBox(name, SEARCH_LABELS[name], options)
        self.form.fields["year"].widget.attrs.update({"min": 1990, "max": 2100, "step": 1})
        self.form.fields["q"].widget.attrs.update(
            placeholder=_("Intitulé, structure, partenaire…"), type="search"
        )

    @property
    def is_filtered(self) -> bool:
        """True when at least one filter (not the sort) narrows the set."""
        if not self.is_bound or not self.is_valid():
            return False
        return any(self.form.cleaned_data.get(name) not in (None, "") for name in self.Meta.fields)

    def search(self, queryset, name, value):
        """Every word in the title, a structure's or a partner's name; accents and case
        ignored, each through its trigram index (dla_ic/search.py).

        Each name is searched in its own table first, then its links give the IC ids: a
        join from the 30,000 participations would be hashed whole for every search."""
        for word in value.split():
            structures = BeneficiaryStructure.objects.filter(word_in(word, "name"))
            partners = Partner.objects.filter(word_in(word, "name"))
            queryset = queryset.filter(
                Q(pk__in=_ids(word_in(word, "title")))  # a subquery, so the index is read
                | Q(pk__in=ProjectStructure.objects.filter(
                    structure__in=structures.values("pk")).values("project_id"))
                | Q(pk__in=ProjectPartner.objects.filter(
                    partner__in=partners.values("pk")).values("project_id"))
            )
        return queryset

    def by_organisation(self, queryset, name, value):
        return queryset.filter(pk__in=_ids(pilotages__organisation=value))

    def by_region(self, queryset, name, value):
        """Piloted from the region, or whose territory lies in it."""
        return queryset.filter(
            _any(
                {"pilotages__organisation__region": value},
                {"regions": value},
                {"departements__region": value},
            )
        )

    def by_stage(self, queryset, name, value):
        return queryset.filter(state__in=COLUMNS_BY_KEY[value].states)

    def by_sector(self, queryset, name, value):
        return queryset.filter(pk__in=_ids(sectors=value))

    def by_prestataire(self, queryset, name, value):
        return queryset.filter(pk__in=_ids(assignments__prestataire=value))
