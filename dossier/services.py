"""Writes of the dossier: a document's first upload, its next versions, its soft delete."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cycle.audiences import Visibility
from dla_ic.uploads import clean_name, discard_on_failure, store, validate

from . import rules, uploads
from .models import Document, DocumentVersion
from .vocabulary import Category


@discard_on_failure
def _add_version(*, document, upload, by) -> DocumentVersion:
    stored = store(upload, validate(upload, uploads.POLICY), uploads.POLICY)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        last = locked.versions.aggregate(n=Max("number"))["n"] or 0
        return DocumentVersion.objects.create(
            document=locked,
            number=last + 1,
            file_name=stored.name,
            original_name=clean_name(upload.name, uploads.POLICY.max_name_length),
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by=by,
        )


@transaction.atomic
def add_document(*, project, title, category, visibility, upload, by) -> Document:
    """A new document and its version 1 (the upload, already validated)."""
    document = Document.objects.create(
        project=project, title=title, category=category, visibility=visibility, created_by=by
    )
    _add_version(document=document, upload=upload, by=by)
    return document


def add_deliverable(*, project, title, upload, by) -> Document:
    """An intervenant of the chosen firm files a « livrable »: shared with the DLA team and
    the firm, the team then chooses whether to share it further (``share_document``)."""
    if not rules.may_deliver(by, project):
        raise PermissionDenied
    return add_document(
        project=project, title=title, category=Category.DELIVERABLE,
        visibility=Visibility.PRESTATAIRE, upload=upload, by=by,
    )


@transaction.atomic
def share_document(*, document, visibility, by) -> Document:
    """Who reads the document: the IC's pilots decide."""
    if not rules.may_file(by, document.project):
        raise PermissionDenied
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.visibility != visibility:
        locked.visibility = visibility
        locked.save(update_fields=["visibility"])
    return locked


def add_version(*, document, upload, by) -> DocumentVersion:
    """A new upload of the same document: a new version, the previous ones kept."""
    if not rules.may_add_version(by, document):
        raise PermissionDenied
    return _add_version(document=document, upload=upload, by=by)


@transaction.atomic
def delete_document(*, document, reason, by) -> Document:
    """Hidden from the list, kept with its versions, who deleted it, when and why."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.deleted_at is None:
        locked.deleted_at = timezone.now()
        locked.deleted_by = by
        locked.deletion_reason = reason
        locked.save(update_fields=["deleted_at", "deleted_by", "deletion_reason"])
    return locked
