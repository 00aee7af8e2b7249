"""A few documents in the two ICs of the structure representatives (issue 16): small PDFs
generated here (no binary file in the repository), with a second version, one deleted.
Idempotent: a document whose title the IC already has is not filed again."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from weasyprint import HTML

from cycle.audiences import Visibility
from cycle.models import Project
from dossier import services
from dossier.models import Document
from dossier.vocabulary import Category

from .structures import REPRESENTATIVES

# title, category, visibility, versions, deletion reason
DOCUMENTS = (
    ("Convention de partenariat", Category.CONVENTION, Visibility.STRUCTURES, 2, ""),
    ("Compte rendu du comité d'appui", Category.COMMITTEE_MINUTES, Visibility.ALL, 1, ""),
    ("Feuille d'émargement – atelier 1", Category.ATTENDANCE, Visibility.STRUCTURES, 1, ""),
    ("Note budgétaire interne", Category.FSE_EVIDENCE, Visibility.TEAM, 1, ""),
    ("Feuille d'émargement (doublon)", Category.ATTENDANCE, Visibility.STRUCTURES, 1,
     "Déposée deux fois par erreur"),
)


def _pdf(title: str, project: str, version: int) -> SimpleUploadedFile:
    html = (
        f"<h1>{escape(title)}</h1><p>{escape(project)}</p>"
        f"<p>Document de démonstration, version {version}.</p>"
    )
    name = f"{title.lower().replace(' ', '-')[:60]}-v{version}.pdf"
    return SimpleUploadedFile(name, HTML(string=html).write_pdf(), "application/pdf")


def load() -> int:
    """File the missing documents; return how many were filed."""
    filed = 0
    for project in Project.objects.filter(
        title__in=[r[4] for r in REPRESENTATIVES]
    ).select_related("created_by"):
        existing = set(Document.objects.filter(project=project).values_list("title", flat=True))
        by = project.created_by
        for title, category, visibility, versions, reason in DOCUMENTS:
            if title in existing:
                continue
            document = services.add_document(
                project=project, title=title, category=category, visibility=visibility,
                upload=_pdf(title, project.title, 1), by=by,
            )
            for number in range(2, versions + 1):
                services.add_version(
                    document=document, upload=_pdf(title, project.title, number), by=by
                )
            if reason:
                services.delete_document(document=document, reason=reason, by=by)
            filed += 1
    return filed
