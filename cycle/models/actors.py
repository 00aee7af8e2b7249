"""Who takes part in an IC: partners, beneficiary structures, prestataires."""

from concurrency.fields import AutoIncVersionField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..vocabulary import ParticipationStatus, PartnerRole


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
    status = models.CharField(
        _("participation"), max_length=20, choices=ParticipationStatus.choices,
        default=ParticipationStatus.IDENTIFIED,
    )
    withdrawal_reason = models.TextField(_("motif du retrait"), blank=True)
    publication_consent = models.BooleanField(
        _("accepte d'être nommée dans les publications"), default=False
    )
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )
    history = HistoricalRecords(excluded_fields=["version"])

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
