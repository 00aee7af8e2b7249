"""A document's file: checked by its content, size and name, stored under PRIVATE_ROOT.

The same rules as the offers' uploads (tenders/uploads.py, higher in the layers): the
user's name is shown, never used as a path; the stored name is random, and the file is
removed when the version that records it fails to be saved.
"""

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from .vocabulary import MAX_NAME_LENGTH, MAX_UPLOAD_BYTES, UPLOAD_DIRECTORY


def _pdf(content: bytes) -> bool:
    if not content.startswith(b"%PDF-"):
        return False
    try:
        return len(PdfReader(io.BytesIO(content)).pages) > 0
    except Exception:  # pypdf raises many kinds on broken files
        return False


def _zip_names(content: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return set()


def _office(folder: str):
    return lambda c: (
        {"[Content_Types].xml"} <= (names := _zip_names(c))
        and any(n.startswith(folder) for n in names)
    )


def _opendocument(mimetype: str):
    def check(content: bytes) -> bool:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return archive.read("mimetype") == mimetype.encode()
        except (zipfile.BadZipFile, KeyError):
            return False

    return check


# Each accepted extension: its content type and the test its bytes must pass.
KINDS = {
    "pdf": ("application/pdf", _pdf),
    "png": ("image/png", lambda c: c.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda c: c.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda c: c.startswith(b"\xff\xd8\xff")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _office("word/"),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _office("xl/")),
    "odt": (
        "application/vnd.oasis.opendocument.text",
        _opendocument("application/vnd.oasis.opendocument.text"),
    ),
    "ods": (
        "application/vnd.oasis.opendocument.spreadsheet",
        _opendocument("application/vnd.oasis.opendocument.spreadsheet"),
    ),
}
ACCEPTED = ", ".join(sorted({f".{e}" for e in KINDS} - {".jpeg"}))


def extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_upload(upload) -> None:
    """Size, then name (length, a known extension), then the bytes match the extension."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Le fichier pèse %(size)s : le maximum est %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    name = PurePath(upload.name).name
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("Le nom du fichier dépasse %(max)s caractères.") % {"max": MAX_NAME_LENGTH},
            code="long_name",
        )
    ext = extension(name)
    if ext not in KINDS:
        raise ValidationError(
            _("Type de fichier refusé : formats acceptés %(accepted)s.") % {"accepted": ACCEPTED},
            code="bad_extension",
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not KINDS[ext][1](content):
        raise ValidationError(
            _("Le contenu de ce fichier ne correspond pas à un fichier .%(ext)s lisible.")
            % {"ext": ext},
            code="bad_content",
        )


def directory() -> Path:
    return Path(settings.PRIVATE_ROOT) / UPLOAD_DIRECTORY


@dataclass(frozen=True)
class Staged:
    """A checked upload written under its random name; removed if its record fails."""

    path: Path
    name: str
    sha256: str

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def stage(upload) -> Staged:
    """Write the upload under a random name; the caller discards it if its record fails."""
    name = f"{uuid.uuid4().hex}.{extension(upload.name)}"
    target = directory()
    target.mkdir(parents=True, exist_ok=True)
    path = target / name
    digest = hashlib.sha256()
    upload.seek(0)
    try:
        with open(path, "xb") as file:
            for chunk in upload.chunks():
                digest.update(chunk)
                file.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Staged(path, name, digest.hexdigest())


def stored_path(name: str) -> Path:
    path = (directory() / name).resolve()
    if path.parent != directory().resolve():
        raise ValidationError(_("Fichier introuvable."))
    return path


def clean_name(name: str) -> str:
    """The name shown and given on download: its last part, never a path."""
    return PurePath(name).name[:MAX_NAME_LENGTH]
