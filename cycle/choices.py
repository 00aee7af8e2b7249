"""Which directory entries an actor form lists for an IC.

The directory holds tens of thousands of structures: a select of all of them
makes the project page unusable. A form validates against the whole
directory but lists at most ``OFFERED`` entries: those matching what the user
searched for, or else those of the IC's own territory.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from directory.models import BeneficiaryStructure, Departement, Partner, Prestataire

from .models import ProjectPilot

OFFERED = 100


@dataclass(frozen=True)
class Territory:
    departements: frozenset[str]
    regions: frozenset[str]


def territory_of(project) -> Territory:
    """The IC's départements and régions, its pilots' included (computed once per page).

    Reads the page's prefetched relations (fetched here otherwise); one query
    completes both sets.
    """
    prefetch_related_objects(
        [project], "regions", "departements",
        Prefetch("pilotages", ProjectPilot.objects.select_related("organisation")),
    )
    regions = {region.code for region in project.regions.all()}
    departements = {departement.code for departement in project.departements.all()}
    for pilotage in project.pilotages.all():
        regions.add(pilotage.organisation.region_id)
        departements.add(pilotage.organisation.departement_id)
    regions.discard(None)
    departements.discard(None)
    # The départements of its régions, and the régions of its départements.
    for code, region in Departement.objects.filter(
        Q(region__in=regions) | Q(code__in=departements)
    ).values_list("code", "region"):
        departements.add(code)
        regions.add(region)
    return Territory(frozenset(departements), frozenset(regions))


def _territory_q(model, departements, regions) -> Q:
    if model is BeneficiaryStructure:
        return Q(departement__in=departements)
    if model is Partner:
        national = Q(region__isnull=True, departement__isnull=True)
        return Q(departement__in=departements) | Q(region__in=regions) | national
    return Q(departement__in=departements) | Q(approved_regions__in=regions)


def offered(model, territory: Territory, search: str = "") -> list[tuple[int, str]]:
    """(pk, name) of the entries a select lists: at most ``OFFERED``, by name."""
    entries = model.objects.order_by("name")
    if search.strip():
        entries = entries.filter(name__icontains=search.strip())
    else:
        entries = entries.filter(
            _territory_q(model, territory.departements, territory.regions)
        )
    if model is Prestataire:
        entries = entries.distinct()
    return list(entries.values_list("pk", "name")[:OFFERED])


def list_only(field, entries) -> None:
    """Render ``entries`` ((pk, label) pairs) as the field's options.

    Validation still uses the field's queryset (the whole directory).
    """
    field.widget.choices = [("", field.empty_label or "---------"), *entries]


class Offers:
    """The entries each directory select of an IC's page lists, read once per request.

    Several forms list the same model (the partner select of the partnership and
    of the committee member forms): each (model, search) is queried once, and the
    territory only when a select needs it.
    """

    def __init__(self, project):
        self.project = project
        self._territory: Territory | None = None
        self._entries: dict = {}

    @property
    def territory(self) -> Territory:
        if self._territory is None:
            self._territory = territory_of(self.project)
        return self._territory

    def of(self, model, search: str = "") -> list[tuple[int, str]]:
        key = (model, search.strip())
        if key not in self._entries:
            self._entries[key] = offered(model, self.territory, search)
        return self._entries[key]


def ic_first(field, of_ic, every=None) -> None:
    """List the IC's own entries (``of_ic``) first in ``field``'s select, under « De cette
    IC », the rest after; a single one is also its initial value (set by the caller).

    Validation still uses the field's queryset (the whole list)."""
    mine = {entry.pk for entry in of_ic}
    every = [(entry.pk, str(entry)) for entry in (field.queryset if every is None else every)]
    if not mine:
        field.widget.choices = [("", field.empty_label or "---------"), *every]
        return
    field.widget.choices = [
        ("", field.empty_label or "---------"),
        (_("De cette IC"), [choice for choice in every if choice[0] in mine]),
        (_("Autres"), [choice for choice in every if choice[0] not in mine]),
    ]


class ListedChoiceField(forms.ModelChoiceField):
    """A select of a short reference list read once for many rows: each row checks its
    choice against that list, not with a query of its own."""

    def __init__(self, entries: list, **kwargs):
        self.entries = {str(entry.pk): entry for entry in entries}
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value) not in self.entries:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice",
                params={"value": value},
            )
        return self.entries[str(value)]


class IcPlaces:
    """The IC's sectors and départements, proposed in the structure forms typed from its
    page: listed first, and chosen already when the IC has only one. Read once, for as
    many forms (rows) as shown."""

    FIELDS = ("sector", "departement")

    def __init__(self, project):
        self.of_ic = {
            "sector": list(project.sectors.all()),
            "departement": list(project.departements.all()),
        }
        self.initial = {
            name: entries[0].pk for name, entries in self.of_ic.items() if len(entries) == 1
        }
        self._lists = {}

    def propose(self, form):
        """``form`` with the IC's entries first in its sector and département lists."""
        for name in self.FIELDS:
            field = form.fields[name]
            if name not in self._lists:  # built for the first row, serving the rest
                every = list(field.queryset)
                ic_first(field, self.of_ic[name], every)
                self._lists[name] = (every, field.widget.choices)
            every, choices = self._lists[name]
            listed = form.fields[name] = ListedChoiceField(
                every, queryset=field.queryset, required=field.required, label=field.label,
                help_text=field.help_text, empty_label=field.empty_label,
            )
            listed.widget.choices = choices
            form._bound_fields_cache.pop(name, None)  # a bound field read before: rebuilt
        return form
