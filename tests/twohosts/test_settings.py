"""The shared cache and the private storage are chosen by the environment (issue 20)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from dla_ic.storage import private_storage

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json; from dla_ic import settings as s; "
    "print(json.dumps([s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION'), "
    "s.STORAGES['private']['BACKEND'], s.STORAGES['documents'].get('OPTIONS', {}), "
    "s.SESSION_ENGINE]))"
)


def settings_with(**environment):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SHOW], cwd=ROOT, env={**env, **environment},
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def test_without_a_cache_url_each_process_keeps_its_own_cache_and_files_on_disk():
    cache, location, private, documents, sessions = settings_with()
    assert cache == "django.core.cache.backends.locmem.LocMemCache" and location is None
    assert private == "dla_ic.storage.PrivateFileSystemStorage"
    assert documents == {"subdirectory": "documents"}
    assert sessions == "django.contrib.sessions.backends.db"


def test_the_environment_selects_redis_and_s3():
    cache, location, private, documents, _sessions = settings_with(
        DJANGO_CACHE_URL="redis://10.0.0.9:6379/1", DJANGO_PRIVATE_STORAGE="s3",
        DJANGO_S3_BUCKET="seau", DJANGO_S3_PREFIX="prive",
    )
    assert (cache, location) == ("django.core.cache.backends.redis.RedisCache",
                                 "redis://10.0.0.9:6379/1")
    assert private == "storages.backends.s3.S3Storage"
    assert (documents["bucket_name"], documents["location"]) == ("seau", "prive/documents")


def test_the_private_storage_follows_private_root_and_has_no_url(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "ici"
    name = private_storage().save("essai/a.txt", ContentFile(b"x"))
    assert (tmp_path / "ici" / "essai" / "a.txt").read_bytes() == b"x"
    storages["documents"].save("b.txt", ContentFile(b"y"))
    assert (tmp_path / "ici" / "documents" / "b.txt").read_bytes() == b"y"
    with pytest.raises(ValueError, match="no URL"):
        private_storage().url(name)
