"""A call for tender of an IC, the invited firms, their offers (every version kept), the scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from monographs.frozen import StoredDocument

from .vocabulary import (
    SCORE_MAX,
    SCORE_MIN,
    CallEventKind,
    DocumentKind,
    InvitationStatus,
    ScorerKind,
)


class CallForTender(models.Model):
    """One per IC, from its cahier des charges; signed once the offers are chosen."""

    project = models.OneToOneField(
        "cycle.Project", models.PROTECT, related_name="call_for_tender", verbose_name=_("IC")
    )
    intent_deadline = models.DateTimeField(_("date limite pour annoncer une réponse"))
    reply_deadline = models.DateTimeField(_("date limite de dépôt des offres"))
    may_contact_structures = models.BooleanField(
        _("les candidats peuvent contacter les structures"), default=False
    )
    structures_score = models.BooleanField(
        _("des représentants des structures notent les offres"), default=False
    )
    opened_at = models.DateTimeField(_("lancé le"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("lancé par")
    )
    selection_reasons = models.TextField(_("motifs du choix"), blank=True)
    signed_at = models.DateTimeField(_("choix signé le"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("choix signé par"),
    )
    offers_opened_at = models.DateTimeField(_("offres ouvertes le"), null=True, blank=True)
    offers_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("offres ouvertes par"),
    )
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("appel d'offres")
        verbose_name_plural = _("appels d'offres")
        constraints = [
            models.CheckConstraint(
                condition=Q(intent_deadline__lte=models.F("reply_deadline")),
                name="call_intent_before_reply",
            ),
        ]

    def __str__(self):
        return str(_("Appel d'offres – %(project)s") % {"project": self.project})


class CallEvent(models.Model):
    """The call's log: avenants, extensions, cancellation, opening, corrections, signature."""

    call = models.ForeignKey(CallForTender, models.PROTECT, related_name="events")
    kind = models.CharField(_("action"), max_length=20, choices=CallEventKind.choices)
    at = models.DateTimeField(_("le"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("par")
    )
    reason = models.TextField(_("motif"), blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("action sur l'appel d'offres")
        verbose_name_plural = _("journal de l'appel d'offres")
        ordering = ["call", "at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.at:%Y-%m-%d %H:%M}"


class SignedDocument(StoredDocument):
    """The procès-verbal or a firm's letter, stored once at signature: downloads serve it."""

    call = models.ForeignKey(CallForTender, models.PROTECT, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    invitation = models.ForeignKey(
        "Invitation", models.PROTECT, null=True, blank=True, related_name="documents"
    )
    signed_at = models.DateTimeField(_("signé le"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("signé par")
    )

    class Meta:
        verbose_name = _("document signé")
        verbose_name_plural = _("documents signés")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "kind", "invitation"], name="signed_document_unique"
            ),
            models.UniqueConstraint(
                fields=["call", "kind"], condition=Q(invitation__isnull=True),
                name="signed_report_unique",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.call_id}"


class Invitation(models.Model):
    call = models.ForeignKey(CallForTender, models.CASCADE, related_name="invitations")
    prestataire = models.ForeignKey(
        "directory.Prestataire", models.PROTECT, related_name="invitations",
        verbose_name=_("prestataire"),
    )
    approved = models.BooleanField(
        _("référencé dans la région de l'IC"), default=False,
        help_text=_("Relevé au lancement de l'appel."),
    )
    status = models.CharField(
        _("réponse"), max_length=20, choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["prestataire__name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "prestataire"], name="invitation_unique"),
        ]

    def __str__(self):
        return str(self.prestataire)


class Offer(models.Model):
    """A firm's offer; its content is its latest version (``current``)."""

    invitation = models.OneToOneField(Invitation, models.CASCADE, related_name="offer")
    current = models.ForeignKey(
        "OfferVersion", models.PROTECT, null=True, related_name="+",
        verbose_name=_("version en vigueur"),
    )
    selected = models.BooleanField(_("retenue"), default=False)

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")

    def __str__(self):
        return str(self.invitation.prestataire)


class OfferVersion(models.Model):
    """One submission of an offer; amendments add versions, none is ever changed."""

    offer = models.ForeignKey(Offer, models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    method = models.TextField(_("méthode"))
    phases = models.JSONField(_("phases"), default=list)
    price = models.DecimalField(
        _("prix (€ TTC)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    intervenants = models.ManyToManyField(
        "directory.Intervenant", related_name="offer_versions", verbose_name=_("intervenants")
    )
    file_name = models.CharField(_("fichier"), max_length=80)
    file_size = models.PositiveIntegerField(_("taille (octets)"))
    submitted_at = models.DateTimeField(_("déposée le"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("déposée par")
    )

    class Meta:
        verbose_name = _("version d'offre")
        verbose_name_plural = _("versions d'offre")
        ordering = ["offer", "number"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "number"], name="offer_version_unique"),
            models.CheckConstraint(condition=Q(price__gte=0), name="offer_price_not_negative"),
        ]

    def __str__(self):
        return f"{self.offer} v{self.number}"

    @property
    def total_days(self):
        from decimal import Decimal

        return sum((Decimal(str(p["days"])) for p in self.phases), start=Decimal(0))


class Scorer(models.Model):
    """Who scores: the chargé de mission (an account) or a named structure representative."""

    call = models.ForeignKey(CallForTender, models.CASCADE, related_name="scorers")
    kind = models.CharField(_("qualité"), max_length=20, choices=ScorerKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    structure = models.ForeignKey(
        "directory.BeneficiaryStructure", models.PROTECT, null=True, blank=True,
        verbose_name=_("structure représentée"),
    )

    class Meta:
        verbose_name = _("évaluateur")
        verbose_name_plural = _("évaluateurs")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "user"], condition=Q(user__isnull=False),
                name="scorer_one_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.structure})" if self.structure_id else self.name


class ScoreSheet(models.Model):
    """One scorer's grid for one offer: a score per criterion and a comment."""

    offer = models.ForeignKey(Offer, models.CASCADE, related_name="sheets")
    scorer = models.ForeignKey(Scorer, models.CASCADE, related_name="sheets")
    comment = models.TextField(_("commentaire"), blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("saisie par"),
    )

    class Meta:
        verbose_name = _("grille de notation")
        verbose_name_plural = _("grilles de notation")
        constraints = [
            models.UniqueConstraint(fields=["offer", "scorer"], name="sheet_unique"),
        ]

    def __str__(self):
        return f"{self.scorer} – {self.offer}"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "monographs.Criterion", models.PROTECT, related_name="+", verbose_name=_("critère")
    )
    value = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=SCORE_MIN) & Q(value__lte=SCORE_MAX),
                name="score_on_scale",
            ),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.value}"
