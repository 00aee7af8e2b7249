"""Documents that left the app: stored once (bytes + SHA-256), never changed, never deleted.

A losing candidate may contest a call for tender: what he received must be
provable. The files live in the "documents" storage (PRIVATE_ROOT/documents or an S3
bucket; never served by URL, only by views that check access).
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from dla_ic.storage import documents_storage


def private_storage():
    """The "documents" storage (settings.STORAGES): PRIVATE_ROOT/documents or S3. The
    migrations name this callable, so the backend can change without a migration."""
    return documents_storage()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class FrozenDocument(Exception):
    """A stored document was about to change or vanish."""


class StoredDocument(models.Model):
    """Abstract: a file written once with its SHA-256; saving it again or deleting it fails."""

    file = models.FileField(_("fichier"), storage=private_storage, max_length=255)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenDocument(f"{self._meta.label} {self.pk} is frozen")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenDocument(f"{self._meta.label} {self.pk} is frozen")

    def attach(self, name: str, content: bytes) -> None:
        """Set the file (written on save) and its hash; only before the first save."""
        self.sha256 = sha256(content)
        self.file.save(name, ContentFile(content), save=False)

    def read(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()

    def verifies(self) -> bool:
        return sha256(self.read()) == self.sha256
