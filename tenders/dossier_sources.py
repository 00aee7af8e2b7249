"""The dossier (a lower app) lists the call's signed documents: the procès-verbal for the
IC's pilots, each firm's letter for its pilots and for that firm, as ``tenders.rules``
grants them, each linked to this app's checked download view. Two queries."""

from django.urls import reverse

from cycle.audiences import Visibility
from dossier.registry import Generated
from dossier.rules import may_file

from .models import SignedDocument
from .rules import firm_id
from .vocabulary import DocumentKind


def generated_documents(project, user, readable):
    if Visibility.PRESTATAIRE not in readable:  # the structures' contacts: none
        return []
    pilot = may_file(user, project)
    firm = firm_id(user)
    if not pilot and firm is None:
        return []
    documents = (
        SignedDocument.objects.filter(call__project=project)
        .select_related("invitation__prestataire")
        .defer("file")
        .order_by("kind", "pk")
    )
    items = []
    for document in documents:
        if document.kind == DocumentKind.REPORT and pilot:
            url = reverse("tenders:report_pdf", kwargs={"project_pk": project.pk})
            title = document.get_kind_display()
        elif document.kind == DocumentKind.LETTER and (
            pilot or (firm is not None and firm == document.invitation.prestataire_id)
        ):
            url = reverse("tenders:letter_pdf", kwargs={"invitation_pk": document.invitation_id})
            title = f"{document.get_kind_display()} – {document.invitation.prestataire}"
        else:
            continue
        items.append(
            Generated(title=title, made_at=document.signed_at, url=url, kind=document.kind)
        )
    return items
