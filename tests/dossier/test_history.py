"""A new upload of a document is a new version, the old ones kept and listed; deleting is
a soft delete with its reason, kept in the document's history, never a cascade."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from cycle.audiences import Visibility
from dossier.models import Document, DocumentVersion
from tests.dossier.factories import DocumentFactory, pdf_upload


@pytest.fixture
def document(project):
    return DocumentFactory(project=project, title="Convention", visibility=Visibility.ALL)


def test_a_new_upload_is_a_new_version(client, charge_mission, document):
    client.force_login(charge_mission)
    url = reverse("dossier:version_add", args=[document.pk])

    response = client.post(url, {"file": pdf_upload("convention-v2.pdf")})

    assert response.status_code == 302
    assert list(document.versions.values_list("number", "original_name")) == [
        (2, "convention-v2.pdf"), (1, "convention.pdf"),
    ]
    page = client.get(reverse("dossier:document_detail", args=[document.pk])).content.decode()
    assert "version 2 déposée par Claire Martin" in page
    assert "version 1 déposée par Claire Martin" in page
    listing = client.get(reverse("dossier:documents", args=[document.project_id])).content
    assert "v2 · convention-v2.pdf" in listing.decode()


def test_a_bad_new_version_is_refused_beside_the_field(client, charge_mission, document):
    client.force_login(charge_mission)
    response = client.post(
        reverse("dossier:version_add", args=[document.pk]),
        {"file": pdf_upload("convention.pdf", content=b"pas un pdf")},
    )
    assert response.status_code == 400
    assert response.context["version_form"].errors["file"]
    assert document.versions.count() == 1


def test_a_deletion_keeps_the_document_and_its_reason(client, charge_mission, document, people):
    client.force_login(charge_mission)
    response = client.post(
        reverse("dossier:document_delete", args=[document.pk]), {"reason": "Mauvaise version"}
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.deleted_by == charge_mission and document.deleted_at
    assert document.deletion_reason == "Mauvaise version"
    assert document.versions.count() == 1
    listing = client.get(reverse("dossier:documents", args=[document.project_id]))
    assert [d.pk for d in listing.context["documents"]] == []
    assert [d.pk for d in listing.context["deleted"]] == [document.pk]
    detail = client.get(reverse("dossier:document_detail", args=[document.pk])).content.decode()
    assert "supprimé par Claire Martin" in detail and "Mauvaise version" in detail
    # Outside the DLA team a deleted document is gone, its file too.
    client.force_login(people["structure"])
    version = document.versions.get()
    assert client.get(reverse("dossier:version_file", args=[version.pk])).status_code == 404
    listing = client.get(reverse("dossier:documents", args=[document.project_id]))
    assert "Convention" not in listing.content.decode()


def test_a_deletion_needs_a_reason(client, charge_mission, document):
    client.force_login(charge_mission)
    response = client.post(reverse("dossier:document_delete", args=[document.pk]), {"reason": ""})
    assert response.status_code == 400
    assert response.context["delete_form"].errors["reason"]
    document.refresh_from_db()
    assert document.deleted_at is None


def test_never_a_database_cascade(document):
    with pytest.raises(ProtectedError):
        document.project.delete()
    with pytest.raises(ProtectedError):
        Document.objects.filter(pk=document.pk).delete()
    assert DocumentVersion.objects.filter(document=document).count() == 1
