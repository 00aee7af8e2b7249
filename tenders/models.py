"""A call for tender of an IC, the invited firms, their offers (every version kept), the scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from monographs.frozen import StoredDocument
from workflows.machines import action
from workflows.models import transition_history

from .deadlines import in_french, on_time, passed
from .rules import can_manage_call
from .vocabulary import (
    CALL_TONES,
    INVITATION_TONES,
    SCORE_MAX,
    SCORE_MIN,
    UNSEALED,
    CallState,
    DocumentKind,
    InvitationStatus,
    ScorerKind,
)

# --- the call's guards: each returns what is missing, in French (empty: allowed); they are
# the conditions of its transitions, the menus' « missing » and the services' refusals.

CALL_CANCELLED = _("Cet appel d'offres est annulé.")


def _moment(instance):
    """The moment the service acts at (its ``now=``, kept in ``as_of``), else the clock."""
    return getattr(instance, "as_of", None) or timezone.now()


def still_open(call) -> list[str]:
    """Avenants and extensions: only while open, before the reply deadline."""
    return [str(m) for m in (
        CALL_CANCELLED if call.state == CallState.CANCELLED else None,
        _("Le choix est signé.") if call.state == CallState.SIGNED else None,
        None if on_time(call.reply_deadline, _moment(call)) else _(
            "La date limite de dépôt des offres (%(deadline)s) est passée : l'appel d'offres "
            "ne peut plus changer."
        ) % {"deadline": in_french(call.reply_deadline)},
    ) if m]


def sealed_until_deadline(call) -> list[str]:
    """The opening of the offers: once, after the reply deadline."""
    return [str(m) for m in (
        CALL_CANCELLED if call.state == CallState.CANCELLED else None,
        _("Les offres sont déjà ouvertes.") if call.state in UNSEALED else None,
        None if passed(call.reply_deadline, _moment(call)) else _(
            "Les offres restent scellées jusqu'à la date limite de dépôt (%(deadline)s)."
        ) % {"deadline": in_french(call.reply_deadline)},
    ) if m]


def scoring_closed(call) -> list[str]:
    """Grids are written (and corrected) once the offers are opened, until the signature."""
    late = passed(call.reply_deadline, _moment(call))
    return [str(m) for m in (
        CALL_CANCELLED if call.state == CallState.CANCELLED else None,
        None if late else _(
            "La notation s'ouvre après la date limite de dépôt (%(deadline)s)."
        ) % {"deadline": in_french(call.reply_deadline)},
        _("Ouvrez d'abord les offres.") if late and call.state == CallState.OPEN else None,
        _("Le choix est signé : les notes ne peuvent plus être modifiées.")
        if call.state == CallState.SIGNED else None,
    ) if m]


def still_cancellable(call) -> list[str]:
    return [str(m) for m in (
        _("Cet appel d'offres est déjà annulé.") if call.state == CallState.CANCELLED else None,
        _("Le choix est signé : l'appel ne s'annule plus.")
        if call.state == CallState.SIGNED else None,
    ) if m]


def _conditions(guard) -> list:
    """A guard as django-fsm's condition (its messages go to ``action(blockers=...)``)."""
    return [lambda instance: not guard(instance)]


def _blockers(guard):
    return lambda instance, _target: guard(instance)


def _manager_may(call, user) -> bool:
    """django-fsm's permission hook: the IC's pilots (and admins) run its call."""
    return can_manage_call(user, call.project)


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
    state = FSMField(
        _("état"), max_length=20, default=CallState.OPEN, choices=CallState.choices
    )
    history = transition_history("call")

    class Meta:
        verbose_name = _("appel d'offres")
        verbose_name_plural = _("appels d'offres")
        constraints = [
            models.CheckConstraint(
                condition=Q(intent_deadline__lte=models.F("reply_deadline")),
                name="call_intent_before_reply",
            ),
            models.CheckConstraint(
                condition=Q(state__in=CallState.values), name="call_state_valid"
            ),
        ]

    def __str__(self):
        return str(_("Appel d'offres – %(project)s") % {"project": self.project})

    # --- where it stands (one home each; the pages and rules read these, never the dates)

    @property
    def state_tone(self) -> str:
        return CALL_TONES[self.state]

    @property
    def is_signed(self) -> bool:
        return self.state == CallState.SIGNED

    @property
    def is_cancelled(self) -> bool:
        return self.state == CallState.CANCELLED

    @property
    def offers_unsealed(self) -> bool:
        """Opened after the deadline (logged), they stay open, a later cancellation too."""
        return self.state in UNSEALED or (
            self.is_cancelled and self.offers_opened_at is not None
        )

    @staticmethod
    def unsealed_q(prefix: str = "") -> Q:
        """``offers_unsealed`` in a query (``prefix``: the path to the call)."""
        return Q(**{f"{prefix}state__in": UNSEALED}) | Q(**{
            f"{prefix}state": CallState.CANCELLED, f"{prefix}offers_opened_at__isnull": False,
        })

    # --- its life (tenders.services fires these through workflows.machines.fire, which
    # saves and logs them; the services stamp the facts: who, when, the new deadlines)

    @transition(
        field="state", source=CallState.OPEN, target=CallState.OPEN,
        permission=_manager_may, conditions=_conditions(still_open),
        custom=action(_("Avenant au cahier des charges"), tone="secondary",
                      reason=_("Motivez l'avenant."), blockers=_blockers(still_open)),
    )
    def amend(self, reason=""):
        """A new version of the cahier des charges went out (monographs froze it)."""

    @transition(
        field="state", source=CallState.OPEN, target=CallState.OPEN,
        permission=_manager_may, conditions=_conditions(still_open),
        custom=action(_("Prolongation"), tone="primary", button=_("Prolonger"),
                      reason=_("Motivez la prolongation."),
                      reason_label=_("Motif de la prolongation"),
                      blockers=_blockers(still_open)),
    )
    def extend(self, reason=""):
        """Later deadlines, set by the service before the current one has passed."""

    @transition(
        field="state", source=CallState.OPEN, target=CallState.OFFERS_OPENED,
        permission=_manager_may, conditions=_conditions(sealed_until_deadline),
        custom=action(_("Ouverture des offres"), tone="primary", button=_("Ouvrir les offres"),
                      blockers=_blockers(sealed_until_deadline)),
    )
    def open_offers(self):
        """The offers are unsealed, once, after the reply deadline."""

    @transition(
        field="state", source=CallState.OFFERS_OPENED, target=CallState.OFFERS_OPENED,
        permission=_manager_may, conditions=_conditions(scoring_closed),
        custom=action(_("Correction d'une grille"), tone="warning",
                      blockers=_blockers(scoring_closed)),
    )
    def correct(self):
        """An admin rewrote another scorer's grid: kept in the log with the grid before."""

    @transition(
        field="state", source=CallState.OFFERS_OPENED, target=CallState.SIGNED,
        permission=_manager_may, conditions=_conditions(scoring_closed),
        custom=action(_("Signature du choix"), tone="success", button=_("Choisir et signer"),
                      reason=_("Motivez le choix."), reason_label=_("Motifs du choix"),
                      confirm=_("Signer le choix ? Le procès-verbal et les courriers aux "
                                "candidats seront établis et ne changeront plus."),
                      blockers=_blockers(scoring_closed)),
    )
    def sign(self, reason=""):
        self.selection_reasons = reason

    @transition(
        field="state", source=[CallState.OPEN, CallState.OFFERS_OPENED],
        target=CallState.CANCELLED, permission=_manager_may,
        conditions=_conditions(still_cancellable),
        custom=action(_("Annulation"), tone="danger", button=_("Annuler l'appel d'offres"),
                      reason=_("Motivez l'annulation."),
                      confirm=_("Annuler l'appel d'offres ? Les prestataires invités en seront "
                                "informés ; l'appel ne pourra pas reprendre."),
                      reason_label=_("Motif de l'annulation"),
                      blockers=_blockers(still_cancellable)),
    )
    def cancel(self, reason=""):
        self.cancelled_at = _moment(self)


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


# --- the invitation's guards (the call's state, its deadlines, the firm's answer)


def _late(deadline) -> str:
    return str(_("La date limite de dépôt des offres était le %(deadline)s : il n'est plus "
                 "possible de répondre.") % {"deadline": in_french(deadline)})


def _answer_refusals(invitation, deadline) -> list[str]:
    call, now = invitation.call, _moment(invitation)
    return [str(m) for m in (
        CALL_CANCELLED if call.state == CallState.CANCELLED else None,
        None if on_time(call.reply_deadline, now) else _late(call.reply_deadline),
        None if on_time(deadline, now) else _(
            "La date pour annoncer une réponse était le %(deadline)s."
        ) % {"deadline": in_french(deadline)},
        _("Votre offre est déjà déposée.")
        if invitation.status == InvitationStatus.SUBMITTED else None,
    ) if m]


def may_announce(invitation) -> list[str]:
    """« We will answer »: until the intent date (and the reply deadline)."""
    return _answer_refusals(invitation, invitation.call.intent_deadline)


def may_decline(invitation) -> list[str]:
    """Declining: until the reply deadline."""
    return _answer_refusals(invitation, invitation.call.reply_deadline)


def may_submit(invitation) -> list[str]:
    """An offer or a new version of it: until the reply deadline, unless declined."""
    call, now = invitation.call, _moment(invitation)
    return [str(m) for m in (
        CALL_CANCELLED if call.state == CallState.CANCELLED else None,
        None if on_time(call.reply_deadline, now) else _late(call.reply_deadline),
        _("Vous avez décliné cet appel d'offres.")
        if invitation.status == InvitationStatus.DECLINED else None,
    ) if m]


def _firm_may(invitation, user) -> bool:
    """django-fsm's permission hook: the invited firm's users (as ``tenders.answer_call``)."""
    return user.has_perm("tenders.answer_call", invitation.call)


ANSWERABLE = [InvitationStatus.INVITED, InvitationStatus.WILL_ANSWER, InvitationStatus.DECLINED]


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
    status = FSMField(
        _("réponse"), max_length=20, choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    history = transition_history("invitation")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["prestataire__name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "prestataire"], name="invitation_unique"),
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="invitation_status_valid"
            ),
        ]

    def __str__(self):
        return str(self.prestataire)

    @property
    def status_tone(self) -> str:
        return INVITATION_TONES[self.status]

    # --- the firm's answer (tenders.services fires these, saves and logs them)

    @transition(
        field="status", source=ANSWERABLE, target=InvitationStatus.WILL_ANSWER,
        permission=_firm_may, conditions=_conditions(may_announce),
        custom=action(_("Nous répondrons"), blockers=_blockers(may_announce)),
    )
    def will_answer(self):
        self.decline_reason = ""

    @transition(
        field="status", source=ANSWERABLE, target=InvitationStatus.DECLINED,
        permission=_firm_may, conditions=_conditions(may_decline),
        custom=action(_("Nous déclinons"), tone="warning",
                      reason=_("Indiquez pourquoi vous déclinez."),
                      reason_label=_("Motif (si vous déclinez)"),
                      blockers=_blockers(may_decline)),
    )
    def decline(self, reason=""):
        self.decline_reason = reason

    @transition(
        field="status",
        source=[InvitationStatus.INVITED, InvitationStatus.WILL_ANSWER,
                InvitationStatus.SUBMITTED],
        target=InvitationStatus.SUBMITTED, permission=_firm_may,
        conditions=_conditions(may_submit),
        custom=action(_("Déposer une offre"), tone="success", blockers=_blockers(may_submit)),
    )
    def submit(self):
        """A version of the offer is stored (each version is one step of the log)."""


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
