"""Who takes part in an IC: partners, beneficiary structures, prestataires."""

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from workflows.machines import action
from workflows.models import transition_history

from ..rules import can_move_participation
from ..vocabulary import PARTICIPATION_TONES, ParticipationStatus, PartnerRole

S = ParticipationStatus
WITHDRAWAL_REASON = _("Indiquez le motif du retrait de la structure.")


class ProjectPartner(models.Model):
    """One role of a partner in an IC (a partner with two roles has two rows)."""

    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(
        "directory.Partner", models.PROTECT, related_name="partnerships",
        verbose_name=_("partenaire"),
    )
    role = models.CharField(_("rôle"), max_length=20, choices=PartnerRole.choices)
    contribution = models.TextField(_("contribution"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        ordering = ["partner__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "partner", "role"], name="partnership_unique_role",
                violation_error_message=_("Ce partenaire a déjà ce rôle dans l'IC."),
            ),
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()})"


class ProjectStructure(models.Model):
    """A beneficiary structure's participation: identified → contacted → committed / withdrew."""

    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="participations")
    structure = models.ForeignKey(
        "directory.BeneficiaryStructure", models.PROTECT, related_name="participations",
        verbose_name=_("structure bénéficiaire"),
    )
    # Not protected: the admin may still correct a status by hand.
    status = FSMField(
        _("participation"), max_length=20, choices=ParticipationStatus.choices,
        default=ParticipationStatus.IDENTIFIED,
    )
    withdrawal_reason = models.TextField(_("motif du retrait"), blank=True)
    # The one source of truth of the consent (the monograph reads it); when and by whom it
    # was recorded beside it (cycle.services.record_consent), both empty once withdrawn.
    publication_consent = models.BooleanField(
        _("accepte d'être nommée dans les publications"), default=False
    )
    consent_recorded_at = models.DateTimeField(
        _("consentement recueilli le"), null=True, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("consentement recueilli par"),
    )
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )
    history = HistoricalRecords(excluded_fields=["version"])
    # Its moves (cycle.services.move_participation), in the one log of every machine.
    transition_logs = transition_history("participation")

    class Meta:
        verbose_name = _("structure participante")
        verbose_name_plural = _("structures participantes")
        ordering = ["structure__name"]
        indexes = [models.Index(fields=["project", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "structure"], name="participation_unique",
                violation_error_message=_("Cette structure participe déjà à l'IC."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ParticipationStatus.WITHDREW) | ~Q(withdrawal_reason=""),
                name="participation_withdrawal_has_reason",
                violation_error_message=_("Indiquez le motif du retrait."),
            ),
        ]

    def __str__(self):
        return f"{self.structure} – {self.get_status_display()}"

    @property
    def status_tone(self) -> str:
        return PARTICIPATION_TONES[self.status]

    # --- its moves (cycle.services fires them, logs them and saves; the withdrawal's
    # reason reaches the method as ``reason=`` and is kept in the log too)

    @transition(
        field="status", source=S.IDENTIFIED, target=S.CONTACTED,
        permission=can_move_participation, custom=action(_("Contacter"), tone="info"),
    )
    def contact(self):
        """The structure has been approached."""

    @transition(
        field="status", source=S.CONTACTED, target=S.COMMITTED,
        permission=can_move_participation, custom=action(_("Engager"), tone="success"),
    )
    def commit(self):
        """The structure takes part in the IC."""

    @transition(
        field="status", source=[S.IDENTIFIED, S.CONTACTED, S.COMMITTED], target=S.WITHDREW,
        permission=can_move_participation,
        custom=action(_("Retirer"), tone="secondary", reason=WITHDRAWAL_REASON,
                      reason_label=_("Motif du retrait")),
    )
    def withdraw(self, reason=""):
        """The structure leaves the IC, for a reason shown beside its status."""
        self.withdrawal_reason = reason

    @transition(
        field="status", source=S.WITHDREW, target=S.CONTACTED,
        permission=can_move_participation, custom=action(_("Reprendre contact"), tone="info"),
    )
    def recontact(self):
        """The structure is approached again: its withdrawal no longer stands."""
        self.withdrawal_reason = ""


class ProjectPrestataire(models.Model):
    """A prestataire chosen for the IC, with the intervenants it sends."""

    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="assignments")
    prestataire = models.ForeignKey(
        "directory.Prestataire", models.PROTECT, related_name="assignments",
        verbose_name=_("prestataire"),
    )
    intervenants = models.ManyToManyField(
        "directory.Intervenant", blank=True, related_name="assignments",
        verbose_name=_("intervenants"),
    )
    selected_on = models.DateField(_("retenu le"), null=True, blank=True)
    mission = models.TextField(_("mission confiée"), blank=True)
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )
    # The version is kept in history: an excluded field costs a query per history row,
    # and changing the intervenants writes two rows (removed, added).
    history = HistoricalRecords(m2m_fields=[intervenants])

    class Meta:
        verbose_name = _("prestataire retenu")
        verbose_name_plural = _("prestataires retenus")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "prestataire"], name="assignment_unique",
                violation_error_message=_("Ce prestataire est déjà retenu pour l'IC."),
            ),
        ]

    def __str__(self):
        return str(self.prestataire)
