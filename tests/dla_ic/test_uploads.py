"""The shared upload rules: every kind known by its content, the name never trusted, the size
capped, and no file left behind by a failed transaction."""

import dataclasses
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from dla_ic import uploads
from tests.exchange.factories import pdf_bytes

POLICY = uploads.UploadPolicy(
    kinds=tuple(uploads.KINDS.values()), max_bytes=1024 * 1024, directory="essai"
)


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, format=fmt)
    return out.getvalue()


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def _ooxml(folder):
    return _zip({"[Content_Types].xml": "<Types/>", f"{folder}/main.xml": "<x/>"})


def _odf(kind):
    return _zip({"mimetype": f"application/vnd.oasis.opendocument.{kind}", "content.xml": "<x/>"})


SAMPLES = {
    "pdf": pdf_bytes,
    "png": lambda: _image("PNG"),
    "jpeg": lambda: _image("JPEG"),
    "gif": lambda: _image("GIF"),
    "webp": lambda: _image("WEBP"),
    "docx": lambda: _ooxml("word"),
    "xlsx": lambda: _ooxml("xl"),
    "pptx": lambda: _ooxml("ppt"),
    "odt": lambda: _odf("text"),
    "ods": lambda: _odf("spreadsheet"),
    "odp": lambda: _odf("presentation"),
}


def test_every_kind_has_a_sample():
    assert set(SAMPLES) == set(uploads.KINDS)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_kind_is_accepted_by_its_content(code):
    kind = uploads.KINDS[code]
    upload = SimpleUploadedFile(f"piece.{kind.extensions[-1]}", SAMPLES[code]())
    assert uploads.validate(upload, POLICY) == kind


@pytest.mark.parametrize("name", ["rapport.pdf", "photo.png", "note.docx"])
def test_a_renamed_executable_is_refused(name):
    upload = SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run")
    with pytest.raises(ValidationError) as refused:
        uploads.validate(upload, POLICY)
    assert refused.value.code == "bad_type"


def test_an_accepted_content_under_a_foreign_name_is_refused():
    with pytest.raises(ValidationError) as refused:
        uploads.validate(SimpleUploadedFile("outil.exe", pdf_bytes()), POLICY)
    assert refused.value.code == "name_mismatch"
    assert "Type de fichier refusé" in refused.value.messages[0]


def test_one_kind_is_named_in_the_refusal():
    pdf_only = uploads.UploadPolicy(kinds=(uploads.PDF,), max_bytes=1024, directory="essai")
    with pytest.raises(ValidationError) as refused:
        uploads.validate(SimpleUploadedFile("offre.pdf", b"Bonjour"), pdf_only)
    assert refused.value.messages[0].startswith("Ce fichier n'est pas un PDF.")


def test_an_oversized_file_is_refused():
    small = uploads.UploadPolicy(kinds=(uploads.PDF,), max_bytes=100, directory="essai")
    with pytest.raises(ValidationError) as refused:
        uploads.validate(SimpleUploadedFile("cr.pdf", pdf_bytes() + b"%" * 200), small)
    assert refused.value.code == "too_large"
    assert "le maximum est 100" in refused.value.messages[0]


@pytest.mark.parametrize("name", ["../../x.pdf", "..\\..\\x.pdf", "/etc/x.pdf"])
def test_path_traversal_in_the_name_is_neutralised(name, private_root):
    upload = SimpleUploadedFile(name, pdf_bytes())
    assert uploads.clean_name(name) == "x.pdf"
    at_once = dataclasses.replace(POLICY, name_at_commit=False)
    stored = uploads.store(upload, uploads.validate(upload, at_once), at_once)
    assert [p.name for p in (private_root / "essai").iterdir()] == [stored.name]
    assert "x" not in stored.name.removesuffix(".pdf")
    assert not (private_root.parent / "x.pdf").exists()
    with pytest.raises(ValidationError):
        uploads.stored_path("../" + stored.name, POLICY)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name_at_commit", [True, False])
def test_a_failed_transaction_removes_the_stored_file(private_root, name_at_commit):
    policy = uploads.UploadPolicy(
        kinds=(uploads.PDF,), max_bytes=1024 * 1024, directory="essai",
        name_at_commit=name_at_commit,
    )

    @uploads.discard_on_failure
    @transaction.atomic
    def record():
        upload = SimpleUploadedFile("cr.pdf", pdf_bytes())
        uploads.store(upload, uploads.validate(upload, policy), policy)
        raise RuntimeError("the record fails")

    with pytest.raises(RuntimeError):
        record()
    folder = private_root / "essai"
    assert not folder.exists() or not any(folder.iterdir())


@pytest.mark.django_db(transaction=True)
def test_a_committed_file_takes_its_name(private_root):
    @uploads.discard_on_failure
    @transaction.atomic
    def record():
        upload = SimpleUploadedFile("cr.pdf", pdf_bytes())
        return uploads.store(upload, uploads.validate(upload, POLICY), POLICY)

    stored = record()
    assert [p.name for p in (private_root / "essai").iterdir()] == [stored.name]
    assert uploads.stored_path(stored.name, POLICY).read_bytes() == pdf_bytes()
