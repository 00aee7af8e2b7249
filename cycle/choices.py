"""Which directory entries an actor form lists for an IC.

The directory holds tens of thousands of structures: a select of all of them
makes the project page unusable. A form validates against the whole
directory but lists at most ``OFFERED`` entries: those matching what the user
searched for, or else those of the IC's own territory.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from directory.models import BeneficiaryStructure, Departement, Partner, Prestataire

OFFERED = 100


@dataclass(frozen=True)
class Territory:
    departements: frozenset[str]
    regions: frozenset[str]


def territory_of(project) -> Territory:
    """The IC's départements and régions, its pilots' included (computed once per page)."""
    pilots = project.pilotages.values_list("organisation__departement", "organisation__region")
    regions = set(project.regions.values_list("code", flat=True))
    regions |= {region for _departement, region in pilots if region}
    departements = set(project.departements.values_list("code", flat=True))
    departements |= {departement for departement, _region in pilots if departement}
    departements |= set(
        Departement.objects.filter(region__in=regions).values_list("code", flat=True)
    )
    regions |= set(
        Departement.objects.filter(code__in=departements).values_list("region", flat=True)
    )
    return Territory(frozenset(departements), frozenset(regions))


def _territory_q(model, departements, regions) -> Q:
    if model is BeneficiaryStructure:
        return Q(departement__in=departements)
    if model is Partner:
        national = Q(region__isnull=True, departement__isnull=True)
        return Q(departement__in=departements) | Q(region__in=regions) | national
    return Q(departement__in=departements) | Q(approved_regions__in=regions)


def offered(model, territory: Territory, search: str = "") -> QuerySet:
    entries = model.objects.order_by("name")
    if search.strip():
        entries = entries.filter(name__icontains=search.strip())
    else:
        entries = entries.filter(
            _territory_q(model, territory.departements, territory.regions)
        )
    if model is Prestataire:
        entries = entries.distinct()
    return entries[:OFFERED]


def list_only(field, entries) -> None:
    """Render ``entries`` as the field's options; validation still uses its queryset."""
    field.widget.choices = [("", field.empty_label or "---------")] + [
        (entry.pk, str(entry)) for entry in entries
    ]
