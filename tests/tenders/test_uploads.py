"""The offer's PDF: by content, ≤ 10 MB, stored under PRIVATE_ROOT with a generated name."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from tenders.models import OfferVersion

from .conftest import pdf_bytes, submit

FORM = {
    "method": "Ateliers", "price": "9000", "phases-TOTAL_FORMS": 1, "phases-INITIAL_FORMS": 0,
    "phases-MIN_NUM_FORMS": 0, "phases-MAX_NUM_FORMS": 1000, "phases-0-title": "Diagnostic",
    "phases-0-days": "2",
}


def post(client, call, user, upload):
    client.force_login(user)
    data = {**FORM, "intervenants": [user.intervenant.pk], "file": upload}
    return client.post(reverse("tenders:offer_edit", args=[call.pk]), data)


def test_a_text_file_renamed_pdf_is_refused(client, open_call, alpha_user, private_root):
    upload = SimpleUploadedFile("offre.pdf", b"Bonjour, voici notre offre.", "application/pdf")
    response = post(client, open_call, alpha_user, upload)
    assert response.status_code == 400
    assert "Ce fichier n&#x27;est pas un PDF." in response.text
    assert not OfferVersion.objects.exists()
    # Nothing stored but the cahier des charges issued by the fixture.
    stored = [p for p in private_root.rglob("*") if p.is_file()]
    assert [p.relative_to(private_root).parts[:2] for p in stored] == [
        ("documents", "cahiers-des-charges")
    ]


def test_a_file_with_the_magic_bytes_but_not_readable_is_refused(open_call, alpha_user):
    upload = SimpleUploadedFile("offre.pdf", b"%PDF-1.7\nnot really a pdf", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        submit(open_call, alpha_user, upload=upload)
    assert "illisible" in str(refused.value)
    assert not OfferVersion.objects.exists()


def test_eleven_megabytes_is_refused(client, open_call, alpha_user):
    content = pdf_bytes() + b"%" + b"0" * (11 * 1024 * 1024)
    response = post(client, open_call, alpha_user, SimpleUploadedFile("offre.pdf", content))
    assert response.status_code == 400
    assert "le maximum est 10" in response.text
    assert not OfferVersion.objects.exists()


def test_a_path_traversal_name_is_harmless(
    client, open_call, alpha_user, private_root, tmp_path, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("../../x.pdf", pdf_bytes(), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):  # the request's commit
        assert post(client, open_call, alpha_user, upload).status_code == 302

    version = OfferVersion.objects.get()
    stored = list((private_root / "tenders").iterdir())
    assert [p.name for p in stored] == [version.file_name]
    assert version.file_name != "x.pdf" and "/" not in version.file_name
    assert len(version.file_name) == len("0" * 32 + ".pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert not (private_root.parent / "x.pdf").exists()
    download = client.get(reverse("tenders:offer_file", args=[version.pk]))
    assert "x.pdf" not in download["Content-Disposition"]


def test_files_live_outside_static_and_media_roots(settings):
    from django.conf import settings as live

    private = live.PRIVATE_ROOT.resolve()
    for served in (live.STATIC_ROOT, live.MEDIA_ROOT):
        assert not private.is_relative_to(served.resolve())


def test_a_failed_transaction_leaves_no_file(open_call, alpha_user, private_root, monkeypatch):
    def database_fails(**fields):
        raise OperationalError("database is locked")

    monkeypatch.setattr(OfferVersion.objects, "create", database_fails)
    with pytest.raises(OperationalError):
        submit(open_call, alpha_user)

    assert not OfferVersion.objects.exists()
    offers = private_root / "tenders"  # the issued cahier des charges lives beside it
    assert not offers.exists() or not [p for p in offers.rglob("*") if p.is_file()]


def test_the_file_takes_its_name_when_the_transaction_commits(
    open_call, alpha_user, private_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        version = submit(open_call, alpha_user, commit=False)
        assert not (private_root / "tenders" / version.file_name).exists()  # not yet committed
    for callback in pending:
        callback()
    assert [p.name for p in (private_root / "tenders").iterdir()] == [version.file_name]
