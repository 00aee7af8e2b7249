"""Imports: admins, C2RA staff and chargés de mission import (structures and partners for
the latter); intervenants and structures' representatives have none (403). An import is
its author's (the sample is charge_mission's) and the admins': others get 404."""

from accounts.models import User
from imports.models import ImportJob

from .base import ROLES, Access

FORBIDDEN = {
    "intervenant": 403, "other_intervenant": 403, "structure": 403, "other_structure": 403,
}
IMPORTERS = {**dict.fromkeys(ROLES, 200), "anonymous": 302, **FORBIDDEN}
OWNER = {**dict.fromkeys(ROLES, 404), "anonymous": 302, **FORBIDDEN,
         "charge_mission": 200, "admin": 200}
OWNER_POST = {**OWNER, "charge_mission": 302, "admin": 302}
JOB = {"pk": "import_job"}

ACCESS = {
    "imports:start": Access(kwargs={}, get=IMPORTERS, post=IMPORTERS, data={}),
    "imports:template": Access(kwargs={"kind": "literal:structures"}, get=IMPORTERS),
    "imports:preview": Access(kwargs=JOB, get=OWNER, post=OWNER_POST, data={"name": "0"}),
    "imports:confirm": Access(
        kwargs=JOB, get={**dict.fromkeys(ROLES, 405), "anonymous": 302}, post=OWNER_POST,
    ),
    "imports:progress": Access(kwargs=JOB, get=OWNER),
}


def _job(samples):
    return ImportJob.objects.create(
        user=User.objects.get(username="cm"), kind="structures", file_name="structures.csv",
        headers=["Nom", "Secteur", "Département"], rows=[["Ressourcerie", "culture", "59"]],
        mapping={"name": 0, "sector_id": 1, "departement_id": 2},
    )


SAMPLES = {"import_job": _job}
