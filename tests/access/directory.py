"""The directory: chargés de mission, C2RA staff and admins read it; chargés de mission and
admins create and edit; intervenants have none (403). An empty POST re-shows the form (200)."""

from cycle.models import ProjectPartner, ProjectStructure
from directory.models import BeneficiaryStructure, Partner, Prestataire

from .base import ROLES, Access

FORBIDDEN = {"intervenant": 403, "other_intervenant": 403}
READERS = {**dict.fromkeys(ROLES, 200), "anonymous": 302, **FORBIDDEN}
EDITORS = {**READERS, "c2ra": 403}
REDIRECT = {**dict.fromkeys(ROLES, 302), **FORBIDDEN}


def _entries(kind, sample):
    kwargs = {"pk": sample}
    return {
        f"directory:{kind}_list": Access(kwargs={}, get=READERS),
        f"directory:{kind}_detail": Access(kwargs=kwargs, get=READERS),
        f"directory:{kind}_create": Access(kwargs={}, get=EDITORS, post=EDITORS, data={}),
        f"directory:{kind}_update": Access(kwargs=kwargs, get=EDITORS, post=EDITORS, data={}),
    }


ACCESS = {
    "directory:index": Access(kwargs={}, get=REDIRECT),
    **_entries("structure", "structure"),
    **_entries("partner", "partner"),
    **_entries("prestataire", "prestataire"),
}


def _structure(s):
    structure = BeneficiaryStructure.objects.create(
        name="Recyclerie des Flandres", legal_form="association", siret="73282932000074",
        sector_id="dechets-reemploi", departement_id="59",
    )
    ProjectStructure.objects.create(project=s["project"], structure=structure)
    return structure


def _partner(s):
    partner = Partner.objects.create(name="DREETS Hauts-de-France", kind="etat", region_id="32")
    ProjectPartner.objects.create(project=s["project"], partner=partner, role="financeur")
    return partner


def _prestataire(s):
    return Prestataire.objects.create(name="Cabinet Gamma", departement_id="59")


SAMPLES = {"structure": _structure, "partner": _partner, "prestataire": _prestataire}
