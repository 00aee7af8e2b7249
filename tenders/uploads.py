"""The offer's PDF: its upload policy (dla_ic/uploads.py checks, stores and serves it)."""

from dla_ic import uploads

from .vocabulary import MAX_UPLOAD_BYTES, UPLOAD_DIRECTORY

POLICY = uploads.UploadPolicy(
    kinds=(uploads.PDF,), max_bytes=MAX_UPLOAD_BYTES, directory=UPLOAD_DIRECTORY
)


def validate_pdf(upload) -> None:
    uploads.validate(upload, POLICY)


def directory():
    """The offers' directory on a file system (tests and tools; the views use the storage)."""
    return uploads.stored_path("x", POLICY).parent


def open_stored(name: str):
    return uploads.open_stored(name, POLICY)


def stored_path(name: str):
    return uploads.stored_path(name, POLICY)
