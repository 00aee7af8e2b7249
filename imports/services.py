"""Writing side of imports: start one from a file, map its columns, confirm it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import planning, reading
from .cells import fold
from .kinds import KINDS
from .models import ImportJob, JobStatus, SavedMapping
from .tasks import run_import


def propose_mapping(kind, headers: list[str], user) -> dict:
    """field -> column index: the user's last mapping for this kind where its headers are
    still there, else the column whose header is the field's (or an alias), folded."""
    folded = [fold(h.rstrip(' *')) for h in headers]  # « Nom * »: a required column
    saved = SavedMapping.objects.filter(user=user, kind=kind.code).first()
    remembered = saved.mapping if saved else {}
    mapping = {}
    for column in kind.columns:
        names = [remembered.get(column.field), column.header, *column.aliases]
        for name in filter(None, names):
            if fold(name) in folded:
                mapping[column.field] = folded.index(fold(name))
                break
    return mapping


@transaction.atomic
def start(*, by, kind_code: str, upload) -> ImportJob:
    """Read the file (nothing of the directory is written) and keep it for the preview."""
    kind = KINDS.get(kind_code)
    if not by.has_perm("imports.import_kind", kind):
        raise PermissionDenied
    sheet = reading.read(upload)
    return ImportJob.objects.create(
        user=by, kind=kind.code, file_name=upload.name[:255], headers=sheet.headers,
        rows=sheet.rows, mapping=propose_mapping(kind, sheet.headers, by),
    )


@transaction.atomic
def remap(*, by, job: ImportJob, mapping: dict) -> ImportJob:
    """Keep the user's mapping (field -> column index or None), remembered for next time."""
    _check_draft(by, job)
    kind = KINDS[job.kind]
    clean = {}
    for column in kind.columns:
        index = mapping.get(column.field)
        if index is not None and 0 <= int(index) < len(job.headers):
            clean[column.field] = int(index)
    job.mapping = clean
    job.save(update_fields=["mapping"])
    SavedMapping.objects.update_or_create(
        user=by, kind=kind.code,
        defaults={"mapping": {f: job.headers[i] for f, i in clean.items()}},
    )
    return job


@transaction.atomic
def confirm(*, by, job: ImportJob) -> ImportJob:
    """Queue the import; refused while the preview shows errors (all or nothing)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _check_draft(by, job)
    if planning.plan(KINDS[job.kind], job.rows, job.mapping, by).has_errors:
        raise ValidationError(_("Corrigez les erreurs du fichier avant d'importer : "
                                "rien n'est importé tant qu'une ligne est en erreur."))
    job.status = JobStatus.QUEUED
    job.save(update_fields=["status"])

    def send():
        result = run_import.enqueue(job.pk)
        ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))

    transaction.on_commit(send)
    return job


def _check_draft(by, job):
    if not by.has_perm("imports.view_job", job):
        raise PermissionDenied
    if job.status != JobStatus.DRAFT:
        raise ValidationError(_("Cet import a déjà été lancé."))
