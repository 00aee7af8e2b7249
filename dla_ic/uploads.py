"""Uploaded files, for every app: checked by their content, size and name, stored in the
"private" storage (dla_ic.storage: PRIVATE_ROOT or an S3 bucket) with a random name,
removed when the record that holds them fails.

Declared as data: a ``FileKind`` (extensions, content check, MIME type, label) and, per
use, an ``UploadPolicy`` (accepted kinds, maximum size, storage sub-directory). The
user's file name only labels the file: never a path, never the stored name.
"""

import functools
import hashlib
import io
import os
import uuid
import zipfile
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

from .storage import private_storage


@dataclass(frozen=True)
class FileKind:
    code: str
    extensions: tuple[str, ...]  # the first one names the stored file
    content_type: str
    label: str  # « un PDF », for « Ce fichier n'est pas un PDF. »
    check: Callable[[bytes], bool]


def _pdf(content: bytes) -> bool:
    if not content.startswith(b"%PDF-"):
        return False
    try:
        return len(PdfReader(io.BytesIO(content)).pages) > 0
    except Exception:  # pypdf raises many kinds on broken files
        return False


def _image(pillow_format: str):
    def check(content: bytes) -> bool:
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
                return image.format == pillow_format
        except Exception:  # Pillow raises many kinds on what it cannot read
            return False

    return check


def _zip_names(content: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return []


def _ooxml(folder: str):
    def check(content: bytes) -> bool:
        names = _zip_names(content)
        return (
            "[Content_Types].xml" in names
            and "mimetype" not in names
            and any(n.startswith(folder) for n in names)
        )

    return check


def _opendocument(mimetype: str):
    def check(content: bytes) -> bool:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return archive.read("mimetype").strip() == mimetype.encode()
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return False

    return check


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
_OFFICE = _("un document bureautique")
_IMAGE = _("une image")
PDF = FileKind("pdf", ("pdf",), "application/pdf", _("un PDF"), _pdf)
PNG = FileKind("png", ("png",), "image/png", _IMAGE, _image("PNG"))
JPEG = FileKind("jpeg", ("jpg", "jpeg"), "image/jpeg", _IMAGE, _image("JPEG"))
GIF = FileKind("gif", ("gif",), "image/gif", _IMAGE, _image("GIF"))
WEBP = FileKind("webp", ("webp",), "image/webp", _IMAGE, _image("WEBP"))
DOCX = FileKind("docx", ("docx",), _OOXML + "wordprocessingml.document", _OFFICE, _ooxml("word/"))
XLSX = FileKind("xlsx", ("xlsx",), _OOXML + "spreadsheetml.sheet", _OFFICE, _ooxml("xl/"))
PPTX = FileKind("pptx", ("pptx",), _OOXML + "presentationml.presentation", _OFFICE, _ooxml("ppt/"))
ODT = FileKind("odt", ("odt",), _ODF + "text", _OFFICE, _opendocument(_ODF + "text"))
ODS = FileKind("ods", ("ods",), _ODF + "spreadsheet", _OFFICE, _opendocument(_ODF + "spreadsheet"))
ODP = FileKind(
    "odp", ("odp",), _ODF + "presentation", _OFFICE, _opendocument(_ODF + "presentation")
)
KINDS = {k.code: k for k in (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP)}


@dataclass(frozen=True)
class UploadPolicy:
    """What one use accepts and where it keeps it."""

    kinds: tuple[FileKind, ...]
    max_bytes: int
    directory: str  # in the private storage
    max_name_length: int = 255
    # False: the file is written under its final name at once (and removed if the call
    # fails); True: staged as a hidden .part file, named when the transaction commits.
    name_at_commit: bool = True

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(e for kind in self.kinds for e in kind.extensions)

    @property
    def accept(self) -> str:
        """For the file input's ``accept`` attribute."""
        return ",".join(f".{e}" for e in self.extensions)

    @property
    def accepted(self) -> str:
        """For people: « .docx, .pdf, .png » (one extension a kind)."""
        return ", ".join(sorted(f".{kind.extensions[0]}" for kind in self.kinds))

    def stored(self, name: str) -> str:
        """The storage name of the stored file ``name``; refused if it would lead elsewhere
        (another directory, a hidden staged file)."""
        if not name or name.startswith(".") or clean_name(name) != name:
            raise ValidationError(_("Fichier introuvable."))
        return f"{self.directory}/{name}"


def clean_name(name: str, max_length: int = 255) -> str:
    """The last part of a name, whichever separator the browser used: never a path."""
    return PurePosixPath((name or "").replace("\\", "/")).name[:max_length]


def extension(name: str) -> str:
    return PurePosixPath(clean_name(name)).suffix.lower().lstrip(".")


def kind_of(file_name: str) -> FileKind:
    """The kind of a stored file, by the extension we gave it."""
    ext = extension(file_name)
    return next(k for k in KINDS.values() if ext in k.extensions)


def _not_accepted(policy: UploadPolicy, ext: str):
    labels = list(dict.fromkeys(str(kind.label) for kind in policy.kinds))
    if len(labels) == 1:
        kinds = _("pas %(kind)s") % {"kind": labels[0]}
    else:
        kinds = ", ".join(str(_("ni %(kind)s") % {"kind": label}) for label in labels)
    message = _("Ce fichier n'est %(kinds)s.") % {"kinds": kinds}
    if ext in policy.extensions:
        message = f"{message} " + _(
            "Son contenu est illisible ou ne correspond pas à un fichier .%(ext)s."
        ) % {"ext": ext}
    return ValidationError(message, code="bad_type")


def _check_name(upload, policy: UploadPolicy) -> str:
    name = clean_name(upload.name, max_length=10_000)
    if not name or any(ord(c) < 32 for c in name):
        raise ValidationError(_("Le nom de ce fichier n'est pas valable."), code="bad_name")
    if len(name) > policy.max_name_length:
        raise ValidationError(
            _("Le nom du fichier dépasse %(max)s caractères.") % {"max": policy.max_name_length},
            code="long_name",
        )
    return name


def validate(upload, policy: UploadPolicy) -> FileKind:
    """Size, name, then the kind its bytes are (whatever the name says), which the name's
    extension must agree with. Returns that kind."""
    if upload.size > policy.max_bytes:
        raise ValidationError(
            _("Le fichier pèse %(size)s : le maximum est %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(policy.max_bytes)},
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    ext = extension(_check_name(upload, policy))
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    kind = next((k for k in policy.kinds if k.check(content)), None)
    if kind is None:
        raise _not_accepted(policy, ext)
    if ext in kind.extensions:
        return kind
    if ext in policy.extensions:
        raise ValidationError(
            _("Le contenu de ce fichier (%(kind)s) ne correspond pas à un fichier .%(ext)s.")
            % {"kind": kind.extensions[0].upper(), "ext": ext},
            code="name_mismatch",
        )
    raise ValidationError(
        _("Type de fichier refusé : formats acceptés %(accepted)s.")
        % {"accepted": policy.accepted},
        code="name_mismatch",
    )


_staged: ContextVar[list | None] = ContextVar("staged_uploads", default=None)


def discard_on_failure(function):
    """Remove the files ``function`` stored if it fails (its transaction rolled back)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        staged = []
        token = _staged.set(staged)
        try:
            return function(*args, **kwargs)
        except BaseException:
            storage = private_storage()
            for name in staged:
                storage.delete(name)
            raise
        finally:
            _staged.reset(token)

    return wrapper


@dataclass(frozen=True)
class Stored:
    name: str  # the random name, under the policy's directory
    size: int
    sha256: str


def _promote(part: str, final: str) -> None:
    """The staged file under its final name: a rename on a file system, a copy elsewhere."""
    storage = private_storage()
    try:
        os.replace(storage.path(part), storage.path(final))
    except NotImplementedError:  # S3 and the like: no path, no rename
        with storage.open(part, "rb") as file:
            storage.save(final, file)
        storage.delete(part)


def store(upload, kind: FileKind, policy: UploadPolicy) -> Stored:
    """Write the checked upload under a random name (a full disk fails the request).

    Call it inside a function wrapped by ``discard_on_failure``: the file is removed if
    that function fails."""
    name = f"{uuid.uuid4().hex}.{kind.extensions[0]}"
    final = f"{policy.directory}/{name}"
    staged = f"{policy.directory}/.{name}.part" if policy.name_at_commit else final
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    storage = private_storage()
    try:
        staged = storage.save(staged, upload)
    except BaseException:
        storage.delete(staged)
        raise
    if (pending := _staged.get()) is not None:
        pending.append(staged)
    if policy.name_at_commit:
        transaction.on_commit(lambda: _promote(staged, final))
    return Stored(name, upload.size, digest.hexdigest())


def open_stored(name: str, policy: UploadPolicy):
    """The stored file ``name`` of ``policy``, open for reading; None if it is missing."""
    try:
        return private_storage().open(policy.stored(name), "rb")
    except FileNotFoundError:
        return None


def delete_stored(name: str, policy: UploadPolicy) -> None:
    private_storage().delete(policy.stored(name))


def stored_path(name: str, policy: UploadPolicy) -> Path:
    """The file-system path of a stored file (FileSystemStorage only: tests, tools)."""
    return Path(private_storage().path(policy.stored(name)))
