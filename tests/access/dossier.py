"""The IC's dossier: the DLA team reads every document, the assigned firm's intervenant
what is shared with the prestataire, the committed structure's contact what is shared
with the structures; the IC's pilots (and admins) file. The sample document is shared
« avec les structures ». Anyone else: 404; a reader who may not file: 403 on a POST."""

from cycle.audiences import Visibility
from tests.dossier.factories import DocumentFactory

from .base import Access

PROJECT = {"project_pk": "project"}
DOCUMENT = {"pk": "dossier_document"}
VERSION = {"pk": "dossier_version"}

READERS = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 404, "c2ra": 200,
    "intervenant": 200, "other_intervenant": 404, "structure": 200, "other_structure": 404,
    "admin": 200,
}
# The sample document is not shared with the prestataire.
SHARED_READERS = {**READERS, "intervenant": 404}
# A bound form without its file: 400 with the errors beside the fields.
FILERS = {**READERS, "charge_mission": 400, "admin": 400, "c2ra": 403, "intervenant": 403,
          "structure": 403}
SHARED_FILERS = {**FILERS, "intervenant": 404}
POST_ONLY = {**dict.fromkeys(READERS, 405), "anonymous": 302}

ACCESS = {
    "dossier:documents": Access(kwargs=PROJECT, get=READERS, post=FILERS,
                                data={"title": "Convention"}),
    "dossier:document_detail": Access(kwargs=DOCUMENT, get=SHARED_READERS),
    "dossier:version_add": Access(kwargs=DOCUMENT, get=POST_ONLY, post=SHARED_FILERS),
    "dossier:document_delete": Access(
        kwargs=DOCUMENT, get=POST_ONLY, data={"reason": "Doublon"},
        post={**SHARED_FILERS, "charge_mission": 302, "admin": 302},
    ),
    "dossier:version_file": Access(kwargs=VERSION, get=SHARED_READERS),
}
SAMPLES = {
    "dossier_document": lambda s: DocumentFactory(
        project=s["project"], visibility=Visibility.STRUCTURES
    ),
    "dossier_version": lambda s: s["dossier_document"].versions.get(),
}
