"""The offer's PDF: checked by its content, stored under PRIVATE_ROOT with a generated name.

The user's file name is never used: not for the path, not for the download. A file
takes its name only when the transaction that records it commits, and is removed
if that transaction fails: no orphan file on disk.
"""

import functools
import io
import uuid
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from .vocabulary import MAX_UPLOAD_BYTES, PDF_MAGIC, UPLOAD_DIRECTORY


def validate_pdf(upload) -> None:
    """At most 10 MB, starts with %PDF- and pypdf can read its pages."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Le fichier pèse %(size)s : le maximum est %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content.startswith(PDF_MAGIC):
        raise ValidationError(_("Ce fichier n'est pas un PDF."), code="not_pdf")
    try:
        pages = len(PdfReader(io.BytesIO(content)).pages)
    except Exception as error:  # pypdf raises many kinds on broken files
        raise ValidationError(_("Ce PDF est illisible."), code="broken_pdf") from error
    if pages < 1:
        raise ValidationError(_("Ce PDF ne contient aucune page."), code="empty_pdf")


def directory() -> Path:
    return Path(settings.PRIVATE_ROOT) / UPLOAD_DIRECTORY


_staged: ContextVar[list | None] = ContextVar("staged_uploads", default=None)


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


def store_pdf(upload) -> str:
    """Stage the checked upload (a hidden .part file, so a full disk fails the request);
    it takes a fresh random name when the transaction commits. Return that name."""
    name = f"{uuid.uuid4().hex}.pdf"
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


def stored_path(name: str) -> Path:
    path = (directory() / name).resolve()
    if path.parent != directory().resolve():
        raise ValidationError(_("Fichier introuvable."))
    return path
