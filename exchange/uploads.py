"""A message's attachment: its upload policy (dla_ic/uploads.py checks, stores and serves it)."""

import dataclasses

from dla_ic import uploads

MAX_BYTES = 10 * 1024 * 1024
DIRECTORY = "exchange"
NAME_MAX = 255

POLICY = uploads.UploadPolicy(
    kinds=(uploads.PDF, uploads.DOCX, uploads.XLSX, uploads.PPTX, uploads.ODT, uploads.ODS,
           uploads.ODP, uploads.PNG, uploads.JPEG, uploads.GIF, uploads.WEBP),
    max_bytes=MAX_BYTES, directory=DIRECTORY, max_name_length=NAME_MAX,
)
ACCEPT = POLICY.accept
KINDS = uploads.KINDS


def validate(upload) -> uploads.FileKind:
    # MAX_BYTES read at call time: a test lowers it.
    return uploads.validate(upload, dataclasses.replace(POLICY, max_bytes=MAX_BYTES))


def stored_path(name: str):
    return uploads.stored_path(name, POLICY)


def open_stored(name: str):
    return uploads.open_stored(name, POLICY)


def delete_stored(name: str) -> None:
    uploads.delete_stored(name, POLICY)
