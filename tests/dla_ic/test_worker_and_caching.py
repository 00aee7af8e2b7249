"""Issue 13, point 7: confidential pages are never cached; a missing worker is said."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from monographs import worker
from monographs.models import Carnet, WorkerBeat


@pytest.fixture
def carnet(charge_mission):
    carnet = Carnet.objects.create(title="Carnet", requested_by=charge_mission)
    return carnet


def waited(carnet, seconds):
    Carnet.objects.filter(pk=carnet.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_a_carnet_queued_a_minute_without_worker_says_so(client, charge_mission, carnet):
    client.force_login(charge_mission)
    url = reverse("monographs:carnet_detail", args=[carnet.pk])
    assert "En attente d&#x27;un worker" not in client.get(url).content.decode()

    waited(carnet, 90)

    assert "En attente d&#x27;un worker" in client.get(url).content.decode()
    assert "En attente d&#x27;un worker" in client.get(reverse("monographs:carnet_list")).text
    worker.beat()
    assert "En attente d&#x27;un worker" not in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)  # the worker closes its connections, as in production
def test_the_worker_command_beats_and_health_reports_it(client):
    response = client.get(reverse("health"))
    assert response.content == b"ok\nworker : aucun signe de vie"

    call_command("run_worker", "--batch", "--no-startup-delay")

    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert re.fullmatch(rb"ok\nworker : dernier signe de vie il y a [0-4] s", response.content)


@pytest.mark.django_db
def test_a_silent_worker_is_reported_by_health(client):
    worker.beat()
    WorkerBeat.objects.update(beat_at=timezone.now() - datetime.timedelta(seconds=600))
    response = client.get(reverse("health"))
    assert re.fullmatch(rb"ok\nworker : dernier signe de vie il y a 60[0-4] s", response.content)


@pytest.mark.django_db
def test_a_host_sharing_no_folder_with_the_worker_reads_its_heartbeat(settings, tmp_path):
    # Issue 20: with S3 storage the hosts share no volume; the web hosts still know.
    settings.PRIVATE_ROOT = tmp_path / "worker-host"
    worker.beat()

    settings.PRIVATE_ROOT = tmp_path / "web-host"

    assert worker.alive()
