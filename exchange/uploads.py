"""A message's attachment: checked by its content (PDF, office document, image) and size,
stored under PRIVATE_ROOT with a random name, as the tenders' offers are (tenders/uploads.py).

The user's file name only labels the link: never the path, never the download's name. A
file takes its name when the transaction that records it commits and is removed if it fails.
"""

import functools
import io
import uuid
import zipfile
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

MAX_BYTES = 10 * 1024 * 1024
DIRECTORY = "exchange"
NAME_MAX = 255


@dataclass(frozen=True)
class FileKind:
    code: str
    extensions: tuple[str, ...]
    content_type: str


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
KINDS = {
    k.code: k
    for k in (
        FileKind("pdf", ("pdf",), "application/pdf"),
        FileKind("png", ("png",), "image/png"),
        FileKind("jpeg", ("jpg", "jpeg"), "image/jpeg"),
        FileKind("gif", ("gif",), "image/gif"),
        FileKind("webp", ("webp",), "image/webp"),
        FileKind("docx", ("docx",), _OOXML + "wordprocessingml.document"),
        FileKind("xlsx", ("xlsx",), _OOXML + "spreadsheetml.sheet"),
        FileKind("pptx", ("pptx",), _OOXML + "presentationml.presentation"),
        FileKind("odt", ("odt",), _ODF + "text"),
        FileKind("ods", ("ods",), _ODF + "spreadsheet"),
        FileKind("odp", ("odp",), _ODF + "presentation"),
    )
}
ACCEPT = ",".join(f".{ext}" for kind in KINDS.values() for ext in kind.extensions)
_IMAGES = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "WEBP": "webp"}
_OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}


def _zip_kind(content: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
        if "mimetype" in names:
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            return {k.content_type: k.code for k in KINDS.values()}.get(mimetype)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next(
        (code for part, code in _OOXML_PARTS.items() if any(n.startswith(part) for n in names)),
        None,
    )


def _image_kind(content: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            return _IMAGES.get(image.format)
    except Exception:  # Pillow raises many kinds on what is not an image it reads
        return None


def _pdf_kind(content: bytes) -> str | None:
    try:
        return "pdf" if len(PdfReader(io.BytesIO(content)).pages) >= 1 else None
    except Exception:  # pypdf raises many kinds on broken files
        return None


def sniff(content: bytes) -> str | None:
    """The kind the bytes are, whatever the name says; None if not one we accept."""
    if content.startswith(b"%PDF-"):
        return _pdf_kind(content)
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    return _image_kind(content)


def validate(upload) -> FileKind:
    """At most 10 MB, a name, and content of an accepted kind that its extension agrees with."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("Le fichier pèse %(size)s : le maximum est %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    name = Path(upload.name or "").name
    if not name or len(name) > NAME_MAX or any(ord(c) < 32 for c in name):
        raise ValidationError(_("Le nom de ce fichier n'est pas valable."), code="bad_name")
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    kind = KINDS.get(sniff(content) or "")
    if kind is None:
        raise ValidationError(
            _("Ce fichier n'est ni un PDF, ni un document bureautique, ni une image."),
            code="bad_type",
        )
    if name.rsplit(".", 1)[-1].lower() not in kind.extensions:
        raise ValidationError(
            _("Le nom de ce fichier ne correspond pas à son contenu (%(kind)s).")
            % {"kind": kind.extensions[0].upper()},
            code="name_mismatch",
        )
    return kind


def directory() -> Path:
    return Path(settings.PRIVATE_ROOT) / DIRECTORY


def store(upload, kind: FileKind) -> str:
    """Stage the checked upload in a hidden .part file (a full disk fails the request); it
    takes its random name when the transaction commits, and is removed if it rolls back."""
    name = f"{uuid.uuid4().hex}.{kind.extensions[0]}"
    target = directory()
    target.mkdir(parents=True, exist_ok=True)
    staged = target / f".{name}.part"
    upload.seek(0)
    try:
        with open(staged, "xb") as file:
            for chunk in upload.chunks():
                file.write(chunk)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    if (pending := _staged.get()) is not None:
        pending.append(staged)
    transaction.on_commit(lambda: staged.replace(target / name))
    return name


_staged: ContextVar[list | None] = ContextVar("exchange_staged", default=None)


def discard_on_failure(function):
    """Remove the files ``function`` staged if it fails (its transaction rolled back)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        staged = []
        token = _staged.set(staged)
        try:
            return function(*args, **kwargs)
        except BaseException:
            for path in staged:
                path.unlink(missing_ok=True)
            raise
        finally:
            _staged.reset(token)

    return wrapper


def stored_path(name: str) -> Path:
    path = (directory() / name).resolve()
    if path.parent != directory().resolve():
        raise ValidationError(_("Fichier introuvable."))
    return path
