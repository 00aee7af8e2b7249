"""A document's file: its upload policy (dla_ic/uploads.py checks, stores and serves it)."""

from dla_ic import uploads

from .vocabulary import MAX_NAME_LENGTH, MAX_UPLOAD_BYTES, UPLOAD_DIRECTORY

POLICY = uploads.UploadPolicy(
    kinds=(uploads.PDF, uploads.PNG, uploads.JPEG, uploads.DOCX, uploads.XLSX, uploads.ODT,
           uploads.ODS),
    max_bytes=MAX_UPLOAD_BYTES, directory=UPLOAD_DIRECTORY, max_name_length=MAX_NAME_LENGTH,
    name_at_commit=False,  # written under its name at once, removed if its version fails
)
ACCEPTED = POLICY.accepted


def validate_upload(upload) -> None:
    uploads.validate(upload, POLICY)


def stored_path(name: str):
    return uploads.stored_path(name, POLICY)


def open_stored(name: str):
    return uploads.open_stored(name, POLICY)


def delete_stored(name: str) -> None:
    uploads.delete_stored(name, POLICY)
