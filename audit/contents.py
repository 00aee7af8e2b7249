"""What goes into an IC's audit bundle for one requester: each file with its path in the ZIP.

Nothing is decided here about who sees what: each source asks its own app's rule or
selector (cycle's for the IC's documents, tenders' for offers and letters, the dossier's
and the exchange's audiences). Stored documents are read as stored, never rendered again.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Prefetch
from django.utils.text import slugify

from cycle.audiences import levels_for
from cycle.rules import can_view_project
from dossier import rules as dossier_rules
from dossier import selectors as dossier_selectors
from dossier import uploads as dossier_uploads
from dossier.models import Document, DocumentVersion
from exchange import selectors as exchange_selectors
from exchange import uploads as exchange_uploads
from grille.models import Grille
from monographs.models import IssuedSpecification
from tenders import uploads as offer_uploads
from tenders.models import OfferVersion, SignedDocument
from tenders.rules import can_manage_call, can_view_letter, can_view_offer
from tenders.vocabulary import DocumentKind


@dataclass(frozen=True)
class Entry:
    path: str  # inside the ZIP
    read: Callable[[], bytes]


def _stored(open_stored, name: str) -> Callable[[], bytes]:
    """Reads an uploaded file through the private storage when the ZIP is written."""

    def read() -> bytes:
        file = open_stored(name)
        if file is None:
            raise FileNotFoundError(name)
        with file:
            return file.read()

    return read


def _name(text, fallback: str) -> str:
    return slugify(str(text))[:60] or fallback


def specifications(user, project) -> Iterator[Entry]:
    """Each issued version of the cahier des charges: its frozen PDF."""
    issued = IssuedSpecification.objects.filter(specification__project=project).order_by("number")
    for version in issued:
        yield Entry(f"cahier-des-charges/cahier-des-charges-v{version.number}.pdf", version.read)


def monograph(user, project) -> Iterator[Entry]:
    """No monograph PDF is ever stored (the library keeps its text only): rendered now,
    from the grille, as the monograph's download does."""
    if not Grille.objects.filter(project=project).exists():
        return

    def render() -> bytes:
        from dla_ic.pdf import html_to_pdf
        from monographs.documents import monograph_html

        return html_to_pdf(monograph_html(project))

    yield Entry("monographie/monographie.pdf", render)


def signed_documents(user, project) -> Iterator[Entry]:
    """The stored procès-verbal (for whoever runs the call) and the letters each may read."""
    documents = (
        SignedDocument.objects.filter(call__project=project)
        .select_related("call__project", "invitation__prestataire", "invitation__call__project")
        .order_by("kind", "pk")
    )
    manages = None
    for document in documents:
        if document.kind == DocumentKind.REPORT:
            manages = can_manage_call(user, project) if manages is None else manages
            if manages:
                yield Entry("appel-d-offres/proces-verbal.pdf", document.read)
        elif can_view_letter(user, document.invitation):
            firm = _name(document.invitation.prestataire, "prestataire")
            yield Entry(
                f"appel-d-offres/courriers/{document.invitation_id}-{firm}.pdf", document.read
            )


def offers(user, project) -> Iterator[Entry]:
    """Every version of each offer the requester may open: sealed ones for nobody."""
    versions = (
        OfferVersion.objects.filter(offer__invitation__call__project=project)
        .select_related("offer__invitation__call__project", "offer__invitation__prestataire")
        .order_by("offer__invitation__prestataire__name", "offer_id", "number")
    )
    for version in versions:
        if can_view_offer(user, version.offer):
            firm = _name(version.offer.invitation.prestataire, "prestataire")
            yield Entry(
                f"appel-d-offres/offres/{version.offer_id}-{firm}-v{version.number}.pdf",
                _stored(offer_uploads.open_stored, version.file_name),
            )


def _versions(document, folder: str) -> Iterator[Entry]:
    title = _name(document.title, "document")
    for version in document.versions.all():
        extension = Path(version.original_name).suffix.lower()
        yield Entry(
            f"{folder}/{document.category}/{document.pk}-{title}-v{version.number}{extension}",
            _stored(dossier_uploads.open_stored, version.file_name),
        )


def dossier(user, project, readable) -> Iterator[Entry]:
    """Every version of the live documents the dossier shows the requester (the signed
    attendance sheets are among them, filed there by the meetings), then of the deleted
    ones it still lets them read (kept with their versions: the DLA team's history)."""
    for document in dossier_selectors.documents(project, readable):
        yield from _versions(document, "dossier")
    deleted = Document.objects.filter(project=project, deleted_at__isnull=False).prefetch_related(
        Prefetch("versions", DocumentVersion.objects.order_by("-number"))
    )
    for document in deleted.order_by("pk"):
        if dossier_rules.may_read(user, document, readable):
            yield from _versions(document, "dossier/supprimes")


def attachments(messages) -> Iterator[Entry]:
    for message in messages:
        for attachment in message.attachments.all():
            name = Path(attachment.original_name)
            yield Entry(
                f"echanges/pieces-jointes/{attachment.pk}-{_name(name.stem, 'piece')}"
                f"{name.suffix.lower()}",
                _stored(exchange_uploads.open_stored, attachment.file_name),
            )


def visible_messages(user, project) -> list:
    """The IC's messages the requester's audience reads (the exchange's own rule)."""
    levels = levels_for(user, project)
    return list(exchange_selectors.shown_messages(project, levels)) if levels else []


def files(user, project, messages) -> list[Entry]:
    """Every file of the bundle but the CSV tables and the manifest."""
    entries = []
    if can_view_project(user, project):  # the IC's documents: whoever reads the IC
        entries += [*specifications(user, project), *monograph(user, project)]
    entries += [*signed_documents(user, project), *offers(user, project)]
    readable = dossier_rules.audiences(user, project)
    if readable:
        entries += dossier(user, project, readable)
    entries += attachments(messages)
    return entries
