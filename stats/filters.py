"""The statistics' filters, in the query string: year, region, DLA, IC type, sector."""

import django_filters
from django.db.models import DateField
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils.translation import gettext_lazy as _

from cycle.filters import CachedOptions, ProjectFilter
from cycle.models import Project, ProjectPilot
from cycle.vocabulary import ICType
from directory.filters import region_choices, sector_choices
from directory.models import Organisation
from dla_ic.filters import FilterForm


def started_on():
    """When an IC started: its launch date, else the day it was created."""
    return Coalesce("launched_on", TruncDate("created_at"), output_field=DateField())


def start_year():
    return ExtractYear(started_on())


class StatisticsFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Année de lancement"), method="by_year")
    region = django_filters.ChoiceFilter(
        label=_("Région"),
        choices=region_choices,
        method="by_region",
        empty_label=_("Toutes"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("DLA / C2RA"),
        queryset=Organisation.objects.none(),
        method="by_organisation",
        empty_label=_("Tous"),
    )
    ic_type = django_filters.ChoiceFilter(
        label=_("Type d'IC"), choices=ICType.choices, empty_label=_("Tous")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Secteur"),
        choices=sector_choices,
        method="by_sector",
        empty_label=_("Tous"),
    )

    # The dashboard's definitions of "in a region", "piloted by", "in a sector".
    by_region = ProjectFilter.by_region
    by_organisation = ProjectFilter.by_organisation
    by_sector = ProjectFilter.by_sector

    class Meta:
        model = Project
        form = FilterForm
        fields = ["year", "region", "organisation", "ic_type", "sector"]

    def __init__(self, *args, regional=True, **kwargs):
        """``regional``: the user chooses a region (admins); C2RA staff have theirs."""
        super().__init__(*args, **kwargs)
        if not regional:  # before the form is built from the filters
            del self.filters["region"]
        visible = self.queryset.order_by().values("pk")
        self.filters["organisation"].queryset = (
            Organisation.objects.filter(
                pk__in=Organisation.objects.filter(pilotages__project__in=visible).values("pk")
            )
            .only("name")
            .order_by("name")
        )
        # The dashboard's cached list of DLA (1,500 for an admin): same user, same ICs.
        field = self.form.fields["organisation"]
        user = getattr(self.request, "user", None)
        field.widget.choices = CachedOptions(field, ProjectPilot, user)
        self.form.fields["year"].widget.attrs.update({"min": 1990, "max": 2100, "step": 1})

    def by_year(self, queryset, name, value):
        return queryset.annotate(start_year=start_year()).filter(start_year=value)
