"""The feed reads in a number of queries that does not grow with its length: the IC's
« Historique » tab and « Activité » read as many with 5 events of each kind as with 30."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cycle.audiences import Visibility
from dossier import services as dossier
from exchange import services as exchange
from grille.models import Grille
from tests.activity.conftest import open_call
from tests.dossier.factories import DocumentFactory, pdf_upload
from tests.exchange.factories import post
from workflows.models import TransitionLog


def grow(project, cm, n):
    """``n`` lines of each kind on ``project``."""
    grille, _ = Grille.objects.get_or_create(project=project)
    call = getattr(project, "call_for_tender", None) or open_call(project, cm, [])
    for i in range(n):
        project.title = f"IC {i}"
        project._history_user = cm
        project.save()
        for subject in (project, grille, call):
            TransitionLog.objects.create(
                subject=subject, transition="extend", source="a", target="b", by=cm,
                at=timezone.now(),
            )
        post(cm, project, Visibility.ALL, subject=f"Fil {i}")
        exchange.write_note(by=cm, project=project, body=f"Note {i}")
        document = DocumentFactory(project=project, visibility=Visibility.ALL)
        dossier.add_version(document=document, upload=pdf_upload(), by=cm)
        dossier.delete_document(document=document, reason="Doublon", by=cm)
    for item in project.checklist.filter(done=False)[:n]:
        item.done, item.done_by, item.done_at = True, cm, timezone.now()
        item.save()


def count(client, url, **params) -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["cm", "admin", "intervenant", "structure"])
def test_activite_reads_as_many_queries_with_5_and_30_events(client, world, role):
    cm = world.users["cm"]
    client.force_login(world.users[role])
    url = reverse("cycle:activity")
    grow(world.project, cm, 5)
    client.get(url)  # the first request after a login refreshes the session
    few = count(client, url)

    grow(world.project, cm, 25)
    assert count(client, url) == few
    assert count(client, url, page=2) == few


@pytest.mark.parametrize("role", ["cm", "c2ra", "intervenant"])
def test_the_historique_tab_reads_as_many_queries_with_5_and_30_events(client, world, role):
    cm = world.users["cm"]
    client.force_login(world.users[role])
    url = reverse("cycle:project_detail", args=[world.project.pk])
    grow(world.project, cm, 5)
    client.get(url)
    few = count(client, url, onglet="historique")

    grow(world.project, cm, 25)
    assert count(client, url, onglet="historique") == few


def test_the_structure_space_reads_as_many_queries_with_5_and_30_events(client, world):
    client.force_login(world.users["structure"])
    url = reverse("cycle:structure_space", args=[world.project.pk])
    grow(world.project, world.users["cm"], 5)
    client.get(url)
    few = count(client, url)

    grow(world.project, world.users["cm"], 25)
    assert count(client, url) == few
