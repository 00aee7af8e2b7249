"""Documents filed as the app files them (``dossier.services``), with small real files."""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from cycle.audiences import Visibility
from dossier import services
from dossier.models import Document
from dossier.vocabulary import Category


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name="convention.pdf", content=None):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content,
                              "application/pdf")


class DocumentFactory(factory.django.DjangoModelFactory):
    """``project`` required; filed by its first chargé de mission unless ``by`` is given."""

    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Document {n}")
    category = Category.CONVENTION
    visibility = Visibility.TEAM

    @classmethod
    def _create(cls, model_class, *args, project, by=None, upload=None, **fields):
        by = by or project.created_by
        return services.add_document(
            project=project, by=by, upload=upload or pdf_upload(), **fields
        )
