"""The dashboard's filters (django-filter): they live in the GET query string.

Filters crossing to-many relations select IC ids, so the dashboard's
annotations are never multiplied by joins.
"""

import django_filters
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from directory.filters import region_choices, sector_choices
from directory.models import BeneficiaryStructure, Organisation, Partner, Prestataire
from dla_ic.filters import FilterForm
from dla_ic.search import word_in

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
        self.options = None

    def __iter__(self):
        if self.options is None:
            self.options = [("", self.field.empty_label), *self.entries()]
        return iter(self.options)

    def entries(self) -> list:
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

    def __init__(self, *args, visible=None, **kwargs):
        """``visible``: the user's ICs, to offer only the DLA and firms found in them."""
        super().__init__(*args, **kwargs)
        visible_ids = (visible if visible is not None else self.queryset).order_by().values("pk")
        self.filters["organisation"].queryset = Organisation.objects.filter(
            pk__in=Organisation.objects.filter(pilotages__project__in=visible_ids).values("pk")
        )
        self.filters["prestataire"].queryset = Prestataire.objects.filter(
            pk__in=Prestataire.objects.filter(assignments__project__in=visible_ids).values("pk")
        )
        user = getattr(self.request, "user", None)
        for name, links in CACHED_OPTIONS.items():
            field = self.form.fields[name]
            field.widget.choices = CachedOptions(field, links, user)
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
