"""The IC's documents: categories, visibilities and expected pieces, declared once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cycle.states import State

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_NAME_LENGTH = 150
UPLOAD_DIRECTORY = "dossier"


class Category(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    COMMITTEE_MINUTES = "compte_rendu", _("Compte rendu de comité")
    DELIVERABLE = "livrable", _("Livrable du prestataire")
    ATTENDANCE = "emargement", _("Feuille d'émargement")
    FSE_EVIDENCE = "justificatif_fse", _("Pièce justificative FSE")
    OTHER = "autre", _("Autre")


# « Pièces attendues »: what each sub-phase expects in the dossier, in the cycle's order.
EXPECTED_PIECES: dict[State, tuple[Category, ...]] = {
    State.VALIDATION: (Category.COMMITTEE_MINUTES,),
    State.MODALITES: (Category.CONVENTION,),
    State.MISE_EN_OEUVRE: (Category.ATTENDANCE, Category.DELIVERABLE),
    State.EVALUATION: (Category.FSE_EVIDENCE,),
}
