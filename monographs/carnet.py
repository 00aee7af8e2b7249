"""Assemble a carnet: front matter (cover, contents, fiche technique), then its monographs.

Each monograph is rendered as its own WeasyPrint document and written to a
temporary file, so rendering holds one monograph at a time whatever the
carnet's length; ``pdf_merge`` then concatenates the files keeping their tags
(PDF/UA), and its memory still grows with the result (see there). The front
matter's length depends on its entries, so it is first laid out (not written)
with placeholder page numbers; each monograph then starts its page counter
where the previous one ended, and the front matter is written last with the
real numbers. Page counts come from the layout, never from reading a written
PDF again; the monographs come from the carnet's one query; one font
configuration serves every document (benchmarks/results.md, « carnet en CPU »).
"""

import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration

from dla_ic.pdf import render_document, write_pdf
from dla_ic.storage import private_storage

from .documents import fetched_monograph_html, fiche_technique_context, published_projects
from .models import Carnet
from .pdf_merge import merge_tagged

DIRECTORY = "carnets"  # in the private storage
PLACEHOLDER_PAGE = 9999  # as wide as any real page number


class EmptyCarnet(ValueError):
    pass


class CarnetStorageError(OSError):
    """The folder for generated documents cannot be written (rights, disk full)."""


def _storage_error(error: OSError) -> CarnetStorageError:
    return CarnetStorageError(
        _(
            "Impossible d'enregistrer le carnet : le dossier des documents générés "
            "n'est pas accessible en écriture ou le disque est plein. Prévenez "
            "l'administrateur. (%(detail)s)"
        ) % {"detail": error.strerror or error.__class__.__name__}
    )


def _prepare_target(carnet: Carnet) -> str:
    """The private storage, checked before any page is rendered: fail fast, and in French."""
    storage = private_storage()
    try:
        probe = storage.save(f"{DIRECTORY}/.probe-{uuid.uuid4().hex}", ContentFile(b""))
        storage.delete(probe)
    except OSError as error:
        raise _storage_error(error) from error
    return carnet_name(carnet)


def carnet_name(carnet: Carnet) -> str:
    """The carnet's name in the private storage (shared by the worker and the web hosts)."""
    return f"{DIRECTORY}/carnet-{carnet.pk}.pdf"


def carnet_path(carnet: Carnet) -> Path:
    """On a file system only (tests, tools): the views read through the storage."""
    return Path(private_storage().path(carnet_name(carnet)))


def _save(name: str, merged: Path) -> None:
    """The finished PDF, written whole beside the worker, goes into the storage: never half
    a PDF."""
    storage = private_storage()
    try:
        with merged.open("rb") as file:
            storage.delete(name)  # a retried carnet keeps its name
            storage.save(name, File(file))
    except OSError as error:
        storage.delete(name)
        raise _storage_error(error) from error


def _front_html(carnet, entries) -> str:
    context = {"carnet": carnet, "entries": entries, "generated_on": timezone.localdate()}
    context |= fiche_technique_context()
    return render_to_string("monographs/carnet_front.html", context)


def ordered(carnet: Carnet, projects) -> list:
    """The monographs in the order the C2RA chose; any left out of it follow, by title."""
    rank = {pk: i for i, pk in enumerate(carnet.order)}
    return sorted(projects, key=lambda p: (rank.get(p.pk, len(rank)), p.title))


def build_carnet_pdf(carnet: Carnet, on_progress: Callable[[int], None]) -> tuple[str, int]:
    projects = ordered(carnet, published_projects(carnet.projects.all()))
    if not projects:
        raise EmptyCarnet("Aucune monographie publiable (grille validée) dans ce carnet.")
    target = _prepare_target(carnet)
    entries = [{"project": p, "page": PLACEHOLDER_PAGE} for p in projects]
    fonts = FontConfiguration()  # the system's fonts, loaded once for all the documents
    # Laid out only, never written: its length is all that is needed here.
    front_pages = len(render_document(_front_html(carnet, entries), font_config=fonts).pages)
    next_page = front_pages + 1
    with tempfile.TemporaryDirectory(prefix="carnet-") as workdir:
        parts = []
        for index, entry in enumerate(entries):
            entry["page"] = next_page
            part = Path(workdir) / f"{index:04d}.pdf"
            # Read with the carnet's projects (monograph_queryset): not queried again.
            html = fetched_monograph_html(entry["project"], first_page=next_page)
            next_page += write_pdf(html, part, font_config=fonts)
            parts.append(part)
            on_progress(round(95 * (index + 1) / len(entries)))

        # The front matter's catalog is the carnet's: its title, author (published
        # anonymously: neither the requester nor any pilot is named), language, PDF/UA id.
        front = Path(workdir) / "front.pdf"
        pages = write_pdf(_front_html(carnet, entries), front, font_config=fonts)
        assert pages == front_pages, "contents page length changed"
        titled = [(part, e["project"].title) for e, part in zip(entries, parts, strict=True)]
        merged = Path(workdir) / "carnet.pdf"
        try:
            merge_tagged(front, titled, merged)
        except OSError as error:
            raise _storage_error(error) from error
        _save(target, merged)
    on_progress(100)
    return target, next_page - 1
