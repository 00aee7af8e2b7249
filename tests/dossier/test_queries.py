"""The dossier's pages cost the same number of queries whatever the documents' count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycle.audiences import Visibility
from dossier import services
from tests.dossier.factories import DocumentFactory, pdf_upload


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_documents(project, count):
    """``count`` live documents of two versions each, and one deleted."""
    for _ in range(count):
        document = DocumentFactory(project=project, visibility=Visibility.ALL)
        services.add_version(document=document, upload=pdf_upload(), by=project.created_by)
    deleted = DocumentFactory(project=project, visibility=Visibility.ALL)
    services.delete_document(document=deleted, reason="Doublon", by=project.created_by)


@pytest.mark.parametrize("role", ["charge_mission", "intervenant", "structure"])
def test_the_documents_page_is_constant(client, project, people, role):
    client.force_login(people[role])
    url = reverse("dossier:documents", args=[project.pk])
    add_documents(project, 1)
    queries(client, url)  # the first request of a session warms its caches
    few = queries(client, url)
    add_documents(project, 6)
    assert queries(client, url) == few


def test_a_document_page_is_constant_in_its_versions(client, project, people):
    client.force_login(people["charge_mission"])
    document = DocumentFactory(project=project)
    url = reverse("dossier:document_detail", args=[document.pk])
    queries(client, url)  # the first request of a session warms its caches
    few = queries(client, url)
    for _ in range(5):
        services.add_version(document=document, upload=pdf_upload(), by=project.created_by)
    assert queries(client, url) == few


def test_the_structure_space_is_constant_in_the_documents(client, project, people):
    client.force_login(people["structure"])
    url = reverse("cycle:structure_space", args=[project.pk])
    add_documents(project, 1)
    queries(client, url)  # the first request of a session warms its caches
    few = queries(client, url)
    add_documents(project, 6)
    assert queries(client, url) == few
