"""Documents: readers of the IC read and download; its pilots write and issue."""

from .base import Access

READ = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 404, "c2ra": 200,
    "intervenant": 200, "other_intervenant": 404, "admin": 200,
    # A structure's representative has their « Espace structure », never the IC's documents.
    "structure": 404, "other_structure": 404,
}
WRITE = {**READ, "c2ra": 404, "intervenant": 404}
PROJECT = {"project_pk": "project"}
# A POST-only URL answers GET with 405 before looking anything up: it reveals nothing.
POST_ONLY = {**dict.fromkeys(READ, 405), "anonymous": 302}

ACCESS = {
    "monographs:specification_detail": Access(kwargs=PROJECT, get=READ),
    "monographs:specification_pdf": Access(kwargs=PROJECT, get=READ),
    "monographs:specification_edit": Access(kwargs=PROJECT, get=WRITE),
    # The sample call's cahier des charges is issued (tests/access/tenders.py): version 1.
    "monographs:specification_version_pdf": Access(
        kwargs={**PROJECT, "number": "literal:1"}, get=READ
    ),
    "monographs:specification_issue": Access(
        kwargs=PROJECT,
        get=POST_ONLY,
        post={**WRITE, "charge_mission": 302, "admin": 302},
    ),
}
SAMPLES = {}

STAFF = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 200, "c2ra": 200,
    "intervenant": 403, "other_intervenant": 403, "admin": 200,
    "structure": 403, "other_structure": 403,
}
# A carnet is its requester's (the sample's is charge_mission's); admins see all.
OWNER = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 404, "c2ra": 404,
    "intervenant": 404, "other_intervenant": 404, "admin": 200,
    "structure": 404, "other_structure": 404,
}
CARNET = {"pk": "carnet"}


def _grille(samples):
    from grille.models import Grille

    return Grille.objects.get_or_create(project=samples["project"])[0]


def _carnet(samples):
    from monographs.models import Carnet

    carnet = Carnet.objects.create(title="Carnet témoin", requested_by=samples["project"].created_by)
    carnet.projects.add(samples["project"])
    return carnet


ACCESS |= {
    "monographs:monograph_detail": Access(kwargs=PROJECT, get=READ),
    "monographs:monograph_pdf": Access(kwargs=PROJECT, get=READ),
    "monographs:carnet_list": Access(kwargs={}, get=STAFF),
    "monographs:carnet_create": Access(kwargs={}, get=STAFF),
    "monographs:carnet_detail": Access(kwargs=CARNET, get=OWNER),
    # Not built yet: even its owner gets 404 until the file exists.
    "monographs:carnet_download": Access(
        kwargs=CARNET, get={**OWNER, "charge_mission": 404, "admin": 404}
    ),
    "monographs:carnet_retry": Access(
        kwargs=CARNET,
        get=POST_ONLY,
        post={**OWNER, "charge_mission": 302, "admin": 302},
    ),
}
SAMPLES = {"monograph_grille": _grille, "carnet": _carnet}
