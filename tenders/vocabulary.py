"""Vocabulary of calls for tender, declared once."""


from django.db import models
from django.utils.translation import gettext_lazy as _

# Each criterion is scored 0–5 (integers); a grid's total is Σ weight × score / 5, out of 100.
SCORE_MIN, SCORE_MAX = 0, 5
SCORE_LABELS = {
    0: _("0 – absent"),
    1: _("1 – très insuffisant"),
    2: _("2 – insuffisant"),
    3: _("3 – satisfaisant"),
    4: _("4 – bon"),
    5: _("5 – excellent"),
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
UPLOAD_DIRECTORY = "tenders"


class ScorerKind(models.TextChoices):
    PILOT = "pilote", _("Chargé·e de mission")
    STRUCTURE = "structure", _("Représentant·e d'une structure bénéficiaire")


class InvitationStatus(models.TextChoices):
    INVITED = "invitee", _("Invitée")
    WILL_ANSWER = "repondra", _("Répondra")
    DECLINED = "declinee", _("Déclinée")
    SUBMITTED = "offre_deposee", _("Offre déposée")


# Each answer's colour (a Bootstrap tone) on badges.
INVITATION_TONES = {
    InvitationStatus.INVITED: "secondary", InvitationStatus.WILL_ANSWER: "info",
    InvitationStatus.DECLINED: "warning", InvitationStatus.SUBMITTED: "success",
}


class CallState(models.TextChoices):
    """Where a call for tender stands; its transitions are declared on CallForTender."""

    OPEN = "attente_offres", _("Ouvert aux offres")
    OFFERS_OPENED = "offres_ouvertes", _("Offres ouvertes")
    SIGNED = "choix_signe", _("Choix signé")
    CANCELLED = "annule", _("Annulé")


# The states in which the offers are open to the pilots.
UNSEALED = (CallState.OFFERS_OPENED, CallState.SIGNED)

CALL_TONES = {
    CallState.OPEN: "primary", CallState.OFFERS_OPENED: "info",
    CallState.SIGNED: "success", CallState.CANCELLED: "danger",
}


class DocumentKind(models.TextChoices):
    REPORT = "proces_verbal", _("Procès-verbal de sélection")
    LETTER = "lettre", _("Courrier de résultat")
