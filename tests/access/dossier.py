"""The IC's dossier: the DLA team reads every document, the assigned firm's intervenant
what is shared with the prestataire, the committed structure's contact what is shared
with the structures; the IC's pilots (and admins) file, the assigned firm's intervenant
files livrables and their versions. The sample document is shared « avec les structures »;
the sample livrable, filed by the intervenant, « tous ». Anyone else: 404; a reader who
may not file: 403 on a POST."""

from cycle.audiences import Visibility
from tests.dossier.factories import DocumentFactory

from .base import Access

PROJECT = {"project_pk": "project"}
DOCUMENT = {"pk": "dossier_document"}
DELIVERABLE = {"pk": "dossier_deliverable"}
VERSION = {"pk": "dossier_version"}

READERS = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 404, "c2ra": 200,
    "intervenant": 200, "other_intervenant": 404, "structure": 200, "other_structure": 404,
    "admin": 200,
}
# The sample document is not shared with the prestataire.
SHARED_READERS = {**READERS, "intervenant": 404}
# A bound form without its file: 400 with the errors beside the fields.
# The assigned firm's intervenant files livrables (a bound form too).
FILERS = {**READERS, "charge_mission": 400, "admin": 400, "c2ra": 403, "intervenant": 400,
          "structure": 403}
SHARED_FILERS = {**FILERS, "intervenant": 404}
# The livrable is readable by all who read the IC; its firm's intervenant adds versions.
DELIVERABLE_FILERS = FILERS
POST_ONLY = {**dict.fromkeys(READERS, 405), "anonymous": 302}

ACCESS = {
    "dossier:documents": Access(kwargs=PROJECT, get=READERS, post=FILERS,
                                data={"title": "Convention"}),
    "dossier:document_detail": Access(kwargs=DOCUMENT, get=SHARED_READERS),
    "dossier:version_add": Access(kwargs=DELIVERABLE, get=POST_ONLY, post=DELIVERABLE_FILERS),
    "dossier:document_share": Access(
        kwargs=DELIVERABLE, get=POST_ONLY, data={"visibility": Visibility.STRUCTURES},
        post={**DELIVERABLE_FILERS, "charge_mission": 302, "admin": 302, "intervenant": 403},
    ),
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
    "dossier_deliverable": lambda s: _deliverable(s["project"]),
}


def _deliverable(project):
    from dossier import services
    from tests.dossier.factories import pdf_upload

    intervenant = project.assignments.get().prestataire.intervenants.get().user
    document = services.add_deliverable(
        project=project, title="Rapport de diagnostic", upload=pdf_upload("rapport.pdf"),
        by=intervenant,
    )
    return services.share_document(document=document, visibility=Visibility.ALL, by=project.created_by)
