"""The "private" storage: uploaded and generated files, never served by URL.

Every app reads and writes them through ``private_storage()`` (settings.STORAGES), so a
shared volume or an S3-compatible store serves several web hosts and the worker alike.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """FileSystemStorage on PRIVATE_ROOT, read at each use: tests (and deployments) move
    PRIVATE_ROOT after the storage was built. No URL: files are served by checked views.
    ``subdirectory``: a part of PRIVATE_ROOT (the frozen documents' "documents")."""

    def __init__(self, subdirectory="", **options):
        self.subdirectory = subdirectory
        super().__init__(**options)

    @property
    def base_location(self):
        root = self._value_or_setting(self._location, settings.PRIVATE_ROOT)
        return os.path.join(root, self.subdirectory) if self.subdirectory else root

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL: a view serves them after its checks.")


def private_storage():
    return storages["private"]


def documents_storage():
    """The frozen documents (monographs.frozen): written once, never changed."""
    return storages["documents"]
