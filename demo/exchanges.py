"""Messages and private notes in the two ICs of the demo's structure representatives (issue
16): one thread each level shows, answered by the representative or the firm, a PDF attached,
notes of the DLA team. Idempotent: a thread or a note is written once (by its subject/text)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from accounts.models import User
from cycle.audiences import Visibility
from cycle.models import Project, ProjectStructure
from exchange import services
from exchange.models import Note, Thread

from .agenda import CLAIRE_IC, PAUL_IC
from .structures import REPRESENTATIVES

STRUCTURES, ALL, TEAM, FIRM = (
    Visibility.STRUCTURES,
    Visibility.ALL,
    Visibility.TEAM,
    Visibility.PRESTATAIRE,
)
# IC, subject, visibility, [(author, text)], attach a PDF to the first message
THREADS = (
    (
        CLAIRE_IC,
        "Préparation du comité de suivi",
        STRUCTURES,
        [
            (
                "claire",
                "Bonjour à toutes et tous, l'ordre du jour du comité est joint. "
                "@asso-moulin, pourriez-vous présenter l'avancée du Moulin ? "
                "Le compte rendu précédent : https://www.avise.org/",
            ),
            ("asso-moulin", "Avec plaisir, je prépare trois diapositives."),
        ],
        True,
    ),
    (
        CLAIRE_IC,
        "Point d'équipe avant le comité",
        TEAM,
        [
            ("claire", "@sophie, le C2RA peut-il co-animer le comité ?"),
            ("sophie", "Oui, je serai là."),
        ],
        False,
    ),
    (
        PAUL_IC,
        "Calendrier des ateliers",
        ALL,
        [
            ("paul", "Les ateliers d'achat groupé commencent le mois prochain, un par semaine."),
            ("asso-panier", "Le mardi nous conviendrait mieux que le lundi."),
            ("intervenant", "C'est noté, nous décalons au mardi."),
        ],
        False,
    ),
    (
        PAUL_IC,
        "Livrable de la phase 1",
        FIRM,
        [
            ("paul", "@intervenant, pouvez-vous nous transmettre le diagnostic d'ici vendredi ?"),
            ("intervenant", "Il est en relecture, vous l'aurez jeudi."),
        ],
        False,
    ),
)
# IC, structure (None: the IC), author, text
NOTES = (
    (CLAIRE_IC, None, "claire", "Budget serré : prévoir un avenant si un 4e tiers-lieu rejoint."),
    (
        CLAIRE_IC,
        "Tiers-lieu Le Moulin de Bailleul",
        "claire",
        "Très moteur ; la présidente change en juin, anticiper la passation.",
    ),
    (
        PAUL_IC,
        "Épicerie solidaire Le Panier Cambrésien",
        "paul",
        "Trésorerie fragile : vérifier le versement de la subvention avant les achats groupés.",
    ),
)


def _pdf(name):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), "application/pdf")


def load() -> int:
    """Write the threads and notes not written yet; return how many threads were."""
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "claire",
                "paul",
                "sophie",
                "intervenant",
                *(r[0] for r in REPRESENTATIVES),
            ]
        ).select_related("organisation", "structure_contact", "intervenant")
    }
    projects = {p.title: p for p in Project.objects.filter(title__in=[CLAIRE_IC, PAUL_IC])}
    written = 0
    for title, subject, level, messages, attach in THREADS:
        project = projects[title]
        if Thread.objects.filter(project=project, subject=subject).exists():
            continue
        (first_author, first_text), *answers = messages
        thread = services.open_thread(
            by=users[first_author],
            project=project,
            subject=subject,
            body=first_text,
            visibility=level,
            files=[_pdf("ordre-du-jour.pdf")] if attach else [],
        )
        for author, text in answers:
            services.post_message(by=users[author], thread=thread, body=text, visibility=level)
        written += 1
    for title, structure, author, text in NOTES:
        project = projects[title]
        participation = structure and ProjectStructure.objects.get(
            project=project, structure__name=structure
        )
        if not Note.objects.filter(project=project, body=text).exists():
            services.write_note(
                by=users[author], project=project, body=text, participation=participation or None
            )
    return written
