"""Writing the ZIP: every file the requester may see, the CSV tables, and the manifest
(each file's path, size and SHA-256, who asked and when)."""

import hashlib
import json
import tempfile
import uuid
import zipfile
from pathlib import Path

from django.core.files import File
from django.utils import timezone

from dla_ic.storage import private_storage

from . import contents, tables

DIRECTORY = "audit"
MANIFEST = "manifest.json"


def bundle_name(bundle) -> str:
    """The ZIP's name in the private storage (shared by the worker and the web hosts)."""
    return f"{DIRECTORY}/{bundle.file}"


def bundle_path(bundle) -> Path:
    """On a file system only (tests, tools): the views read through the storage."""
    return Path(private_storage().path(bundle_name(bundle)))


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _entries(user, project) -> list[contents.Entry]:
    messages = contents.visible_messages(user, project)
    entries = contents.files(user, project, messages)
    attachment_paths = {
        attachment.pk: entry.path
        for attachment, entry in zip(
            (a for m in messages for a in m.attachments.all()),
            contents.attachments(messages), strict=True,
        )
    }
    tables_ = {
        "historique/transitions.csv": tables.transitions_csv(project),
        "historique/modifications.csv": tables.history_csv(project),
        "echanges/messages.csv": tables.messages_csv(messages, attachment_paths),
    }
    return entries + [contents.Entry(path, lambda c=c: c) for path, c in tables_.items()]


def manifest(bundle, listed: list[dict]) -> bytes:
    requester = bundle.requested_by
    return json.dumps({
        "ic": {"id": bundle.project_id, "titre": bundle.project.title},
        "demande_par": {"id": requester.pk, "nom": requester.get_full_name(),
                        "identifiant": requester.get_username()},
        "demande_le": timezone.localtime(bundle.created_at).isoformat(),
        "genere_le": timezone.localtime().isoformat(),
        "fichiers": listed,
    }, ensure_ascii=False, indent=2).encode("utf-8")


# Progress is told by steps of a quarter: a few writes, however many files.
PROGRESS_STEP = 25


def write_bundle(bundle, on_progress=lambda percent: None) -> tuple[str, int]:
    """Write the ZIP into the private storage; returns its file name and how many files it
    holds. Built whole in a temporary file first: never a half-written bundle stored."""
    name, listed = f"{uuid.uuid4().hex}.zip", []
    with tempfile.TemporaryFile() as file:
        with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            entries, told = _entries(bundle.requested_by, bundle.project), 0
            for done, entry in enumerate(entries, start=1):
                step = done * 100 // len(entries) // PROGRESS_STEP * PROGRESS_STEP
                if told < step < 100:
                    told = step
                    on_progress(step)
                content = entry.read()
                archive.writestr(entry.path, content)
                listed.append({"chemin": entry.path, "taille": len(content),
                               "sha256": _sha256(content)})
            archive.writestr(MANIFEST, manifest(bundle, listed))
        file.seek(0)
        private_storage().save(f"{DIRECTORY}/{name}", File(file))
    return name, len(listed)
