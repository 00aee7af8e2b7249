"""Faults around the carnet task: a dead worker, a folder that cannot be written."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cycle.models import Project
from dla_ic.storage import PrivateFileSystemStorage
from monographs import services
from monographs.carnet import carnet_path
from monographs.models import Carnet, CarnetStatus
from monographs.tasks import build_carnet

CASE = "Pérenniser des emplois « environnement »"


@pytest.fixture
def carnet(db, django_user_model):
    call_command("load_demo", stdout=io.StringIO())
    admin = django_user_model.objects.get(username="admin")
    return services.request_carnet(
        by=admin, title="Carnet", projects=Project.objects.filter(title=CASE)
    )


def test_reaper_marks_a_dead_workers_carnet_failed_in_french(carnet, settings):
    stale = timezone.now() - datetime.timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS + 1)
    task = build_carnet.enqueue(carnet.pk)  # the queue's record, claimed by the dead worker
    DBTaskResult.objects.filter(id=task.id).update(status="RUNNING")
    Carnet.objects.filter(pk=carnet.pk).update(
        status=CarnetStatus.RUNNING, progress=40, heartbeat_at=stale, task_id=str(task.id)
    )
    alive = Carnet.objects.create(
        title="Vivant", requested_by=carnet.requested_by, status=CarnetStatus.RUNNING,
        heartbeat_at=timezone.now(),
    )
    out = io.StringIO()

    call_command("reap_stale_tasks", stdout=out)

    carnet.refresh_from_db()
    assert (carnet.status, carnet.error) == (CarnetStatus.FAILED, "Le traitement s'est interrompu.")
    assert carnet.finished_at is not None and not carnet.is_stale
    assert carnet.get_status_display() == "Échec"
    alive.refresh_from_db()
    assert alive.status == CarnetStatus.RUNNING
    assert "1 carnet(s) interrompu(s)" in out.getvalue()
    assert DBTaskResult.objects.get(id=task.id).status == "FAILED"
    # its author can relaunch it
    assert services.retry_carnet(carnet).status == CarnetStatus.QUEUED


def test_unwritable_private_folder_fails_the_carnet_fast_with_a_french_message(
    carnet, settings, tmp_path, monkeypatch
):
    # A path below a regular file cannot be created, even by root (who ignores chmod).
    blocker = tmp_path / "fichier.txt"
    blocker.write_text("pas un dossier")
    settings.PRIVATE_ROOT = blocker / "prive"
    rendered = []
    for renderer in ("render_document", "write_pdf"):  # the carnet's two ways to render
        monkeypatch.setattr(f"monographs.carnet.{renderer}", lambda *a, **k: rendered.append(1))

    with pytest.raises(OSError):
        build_carnet.call(carnet.pk)

    carnet.refresh_from_db()
    assert carnet.status == CarnetStatus.FAILED
    assert carnet.error.startswith(
        "Impossible d'enregistrer le carnet : le dossier des documents générés n'est pas "
        "accessible en écriture ou le disque est plein."
    )
    assert rendered == []  # checked before any page was rendered


def test_disk_full_while_writing_leaves_no_half_file(carnet, settings, tmp_path, monkeypatch):
    settings.PRIVATE_ROOT = tmp_path

    save = PrivateFileSystemStorage._save

    def disk_full(self, name, content):
        """The storage fills up halfway through the carnet (the probe still passes)."""
        if not name.endswith(".pdf"):
            return save(self, name, content)
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.7 tronqu")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(PrivateFileSystemStorage, "_save", disk_full)

    with pytest.raises(OSError):
        build_carnet.call(carnet.pk)

    carnet.refresh_from_db()
    assert carnet.status == CarnetStatus.FAILED
    assert "Impossible d'enregistrer le carnet" in carnet.error
    assert not carnet_path(carnet).exists()
