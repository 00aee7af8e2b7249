"""A message's attachments are checked through the form as the offers' are: by content, size
and name; a refusal is told beside the field, keeps the message typed, stores nothing. Only
the views are used here: the upload module's insides are another module's business."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cycle.audiences import Visibility
from tests.exchange.factories import docx_bytes, pdf_bytes, png_bytes
from tests.uploads_cases import BAD_FILES, MAX_BYTES, multipart


@pytest.fixture
def writer(client, world, django_capture_on_commit_callbacks):
    """The pilot; each request's commit callbacks run (files take their final name)."""
    client.force_login(world.users["cm"])
    request = client.generic

    def generic(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(*args, **kwargs)

    client.generic = generic
    return client


def open_thread(client, world, *files):
    return client.post(
        reverse("exchange:project", args=[world.project.pk]),
        {"subject": "Pièces du comité", "body": "Voici les pièces", "visibility": Visibility.ALL,
         "files": list(files)},
    )


def stored(private_root) -> list:
    folder = private_root / "exchange"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("name", "content"),
    [("cr.pdf", pdf_bytes), ("photo.PNG", png_bytes), ("convention.docx", docx_bytes),
     ("au-plafond.pdf", lambda: pdf_bytes() + b"%" * (MAX_BYTES - len(pdf_bytes())))],
    ids=["pdf", "png", "docx", "exactly-the-limit"],
)
def test_accepted_files_are_stored_privately(writer, world, private_root, name, content):
    response = open_thread(writer, world, SimpleUploadedFile(name, content()))

    assert response.status_code == 302
    attachment = world.project.exchange_threads.get().messages.get().attachments.get()
    assert attachment.original_name == name
    assert [p.name for p in stored(private_root)] == [attachment.file_name]
    assert name not in attachment.file_name  # never the user's name on disk


@pytest.mark.parametrize(("name", "content"), [c[1:] for c in BAD_FILES],
                         ids=[c[0] for c in BAD_FILES])
def test_a_bad_file_is_refused_beside_the_field(
    writer, world, private_root, settings, name, content
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    response = open_thread(writer, world, SimpleUploadedFile(name, content()))

    assert response.status_code in {200, 400}
    form = response.context["form"]
    assert form.errors["files"] and name in " ".join(form.errors["files"])
    assert "Voici les pièces" in response.content.decode()  # what was typed is kept
    assert not world.project.exchange_threads.exists()
    assert stored(private_root) == []


def test_one_bad_file_among_good_ones_refuses_the_message(writer, world, private_root):
    response = open_thread(writer, world, SimpleUploadedFile("cr.pdf", pdf_bytes()),
                           SimpleUploadedFile("vide.pdf", b""))

    assert response.status_code in {200, 400}
    assert not world.project.exchange_threads.exists() and stored(private_root) == []


def test_a_name_climbing_folders_stays_a_label(writer, world, private_root):
    body, content_type = multipart(
        {"subject": "Pièces", "body": "Voici", "visibility": Visibility.ALL},
        "files", "../../../etc/cron.d/x.pdf", pdf_bytes(),
    )
    response = writer.generic("POST", reverse("exchange:project", args=[world.project.pk]),
                              body, content_type=content_type)

    assert response.status_code == 302
    attachment = world.project.exchange_threads.get().messages.get().attachments.get()
    assert "/" not in attachment.original_name and ".." not in attachment.original_name
    assert [p.name for p in stored(private_root)] == [attachment.file_name]
    download = writer.get(reverse("exchange:attachment", args=[attachment.pk]))
    assert ".." not in download["Content-Disposition"]
