"""An upload is checked by its content, size and name, as the offers' are; a refusal says
why in French beside the field, keeps what was typed, and stores nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossier.models import Document
from dossier.vocabulary import MAX_UPLOAD_BYTES
from tests.dossier.factories import pdf_bytes, pdf_upload
from tests.uploads_cases import BAD_FILES, MAX_BYTES, multipart


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def post(client, project, upload, **fields):
    data = {"title": "Convention signée", "category": "convention", "visibility": "structures",
            "file": upload, **fields}
    return client.post(reverse("dossier:documents", args=[project.pk]), data)


@pytest.fixture
def signed_in(client, charge_mission):
    client.force_login(charge_mission)
    return client


def test_a_pdf_is_filed_with_who_and_when(signed_in, project, charge_mission, private_root):
    response = post(signed_in, project, pdf_upload("Convention 2026.pdf"))

    assert response.status_code == 302
    document = Document.objects.get()
    version = document.versions.get()
    assert (document.visibility, version.number) == ("structures", 1)
    assert version.uploaded_by == charge_mission and version.uploaded_at
    assert version.original_name == "Convention 2026.pdf"
    assert (private_root / "dossier" / version.file_name).read_bytes() == pdf_bytes()
    assert "Convention 2026" not in version.file_name  # never the user's name on disk


def test_an_office_document_is_accepted(signed_in, project):
    assert post(signed_in, project, SimpleUploadedFile("cr.docx", docx_bytes())).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("convention.pdf", b"MZ\x90\x00 not a pdf at all", "ne correspond pas à un fichier .pdf"),
        ("convention.pdf", b"%PDF-1.4 broken", "ne correspond pas à un fichier .pdf"),
        ("cr.docx", b"PK\x03\x04 a broken zip", "ne correspond pas à un fichier .docx"),
        ("photo.png", pdf_bytes(), "ne correspond pas à un fichier .png"),
        ("outil.exe", pdf_bytes(), "Type de fichier refusé"),
        ("sans-extension", pdf_bytes(), "Type de fichier refusé"),
        ("x" * 151 + ".pdf", pdf_bytes(), "Le nom du fichier dépasse 150 caractères"),
        ("vide.pdf", b"", "Le fichier soumis est vide"),
    ],
    ids=["not-pdf", "broken-pdf", "broken-docx", "pdf-as-png", "exe", "no-extension",
         "long-name", "empty"],
)
def test_a_bad_upload_is_refused_beside_the_field(
    signed_in, project, name, content, message, private_root
):
    response = post(signed_in, project, SimpleUploadedFile(name, content), title="Ma convention")

    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors["file"])
    assert 'value="Ma convention"' in response.content.decode()  # the input is kept
    assert not Document.objects.exists()
    assert not (private_root / "dossier").exists() or not any((private_root / "dossier").iterdir())


def test_a_too_large_file_is_refused(signed_in, project, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    big = pdf_bytes() + b"%" * MAX_UPLOAD_BYTES
    response = post(signed_in, project, SimpleUploadedFile("gros.pdf", big))

    assert response.status_code == 400
    assert "le maximum est 10,0\xa0Mio" in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()


def test_a_missing_title_keeps_the_choices(signed_in, project):
    response = post(signed_in, project, pdf_upload(), title="")

    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert response.context["form"]["visibility"].value() == "structures"


# --- the same bad files as for a message's attachments (tests/uploads_cases.py)


@pytest.mark.parametrize(("name", "content"), [c[1:] for c in BAD_FILES],
                         ids=[c[0] for c in BAD_FILES])
def test_every_bad_file_is_refused(signed_in, project, private_root, settings, name, content):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    response = post(signed_in, project, SimpleUploadedFile(name, content()), title="Ma pièce")

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert 'value="Ma pièce"' in response.content.decode()
    assert not Document.objects.exists()
    assert not (private_root / "dossier").exists() or not any((private_root / "dossier").iterdir())


def test_a_file_of_exactly_the_limit_is_filed(signed_in, project, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    content = pdf_bytes() + b"%" * (MAX_BYTES - len(pdf_bytes()))
    assert post(signed_in, project, SimpleUploadedFile("plafond.pdf", content)).status_code == 302


def test_a_name_climbing_folders_stays_a_label(
    signed_in, project, private_root, django_capture_on_commit_callbacks
):
    body, content_type = multipart(
        {"title": "Convention", "category": "convention", "visibility": "team"},
        "file", "../../../etc/cron.d/x.pdf", pdf_bytes(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.generic("POST", reverse("dossier:documents", args=[project.pk]),
                                     body, content_type=content_type)

    assert response.status_code == 302
    version = Document.objects.get().versions.get()
    assert "/" not in version.original_name and ".." not in version.original_name
    assert [p.name for p in (private_root / "dossier").iterdir()] == [version.file_name]
    download = signed_in.get(reverse("dossier:version_file", args=[version.pk]))
    assert ".." not in download["Content-Disposition"]
