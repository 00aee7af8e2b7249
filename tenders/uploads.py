"""The offer's PDF: checked by its content, stored under PRIVATE_ROOT with a generated name.

The user's file name is never used: not for the path, not for the download.
"""

import io
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
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


def store_pdf(upload) -> str:
    """Write the checked upload under a fresh random name; return that name."""
    name = f"{uuid.uuid4().hex}.pdf"
    target = directory()
    target.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with open(target / name, "xb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    return name


def stored_path(name: str) -> Path:
    path = (directory() / name).resolve()
    if path.parent != directory().resolve():
        raise ValidationError(_("Fichier introuvable."))
    return path
