"""Keeps the reference tables (regions, départements, sectors) equal to their declarations."""

from django.utils.translation import override

from .territories import DEPARTEMENTS, REGIONS
from .vocabulary import SECTORS


def sync_reference_data(using="default", apps=None, **kwargs):
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Region = apps.get_model("directory", "Region")
    Departement = apps.get_model("directory", "Departement")
    Sector = apps.get_model("directory", "Sector")
    for code, name in REGIONS.items():
        Region.objects.using(using).update_or_create(code=code, defaults={"name": name})
    for code, (name, region) in DEPARTEMENTS.items():
        Departement.objects.using(using).update_or_create(
            code=code, defaults={"name": name, "region_id": region}
        )
    with override("fr"):
        for code, label in SECTORS.items():
            Sector.objects.using(using).update_or_create(code=code, defaults={"label": str(label)})
