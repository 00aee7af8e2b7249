"""Committees of an IC, their meetings, and what the IC capitalises."""

from concurrency.fields import AutoIncVersionField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..vocabulary import CapitalisationNature, CommitteeKind, TransferResponsible


class Committee(models.Model):
    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="committees")
    kind = models.CharField(_("comité"), max_length=20, choices=CommitteeKind.choices)
    purpose = models.TextField(_("rôle du comité"), blank=True)
    opinion = models.TextField(
        _("avis"), blank=True, help_text=_("L'avis rendu sur la démarche (comité d'appui).")
    )
    opinion_on = models.DateField(_("avis rendu le"), null=True, blank=True)
    # The comité d'appui is consulted again at Finaliser (« conduire et transférer la
    # capitalisation »): its second opinion is kept beside the first, never over it.
    capitalisation_opinion = models.TextField(
        _("avis sur la capitalisation"), blank=True,
        help_text=_("Le second avis du comité d'appui, sur la capitalisation et son transfert."),
    )
    capitalisation_opinion_on = models.DateField(
        _("avis sur la capitalisation rendu le"), null=True, blank=True
    )
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("comité")
        verbose_name_plural = _("comités")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"], name="committee_unique_kind",
                violation_error_message=_("L'IC a déjà un comité de ce type."),
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class CommitteeMember(models.Model):
    """A seat in a committee: an organisation of the directory, or a named person."""

    committee = models.ForeignKey(Committee, models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "directory.Organisation", models.PROTECT, null=True, blank=True,
        verbose_name=_("DLA ou C2RA"),
    )
    partner = models.ForeignKey(
        "directory.Partner", models.PROTECT, null=True, blank=True, verbose_name=_("partenaire")
    )
    structure = models.ForeignKey(
        "directory.BeneficiaryStructure", models.PROTECT, null=True, blank=True,
        verbose_name=_("structure bénéficiaire"),
    )
    prestataire = models.ForeignKey(
        "directory.Prestataire", models.PROTECT, null=True, blank=True,
        verbose_name=_("prestataire"),
    )
    person = models.CharField(_("personne"), max_length=200, blank=True)
    function = models.CharField(_("fonction"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False)
                | Q(partner__isnull=False)
                | Q(structure__isnull=False)
                | Q(prestataire__isnull=False)
                | ~Q(person=""),
                name="committee_member_identified",
                violation_error_message=_("Indiquez qui siège : une organisation ou une personne."),
            ),
        ]

    def __str__(self):
        who = self.organisation or self.partner or self.structure or self.prestataire
        return str(who or self.person)


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    attendees = models.TextField(_("présents"), blank=True)
    decisions = models.TextField(_("décisions"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.committee} – {self.held_on:%d/%m/%Y}"


class CapitalisationItem(models.Model):
    """Something the IC produced that can be capitalised and transferred."""

    project = models.ForeignKey(
        "cycle.Project", models.CASCADE, related_name="capitalisation_items"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    nature = models.CharField(_("nature"), max_length=20, choices=CapitalisationNature.choices)
    description = models.TextField(_("description"), blank=True)
    transferable = models.BooleanField(_("transférable"), default=True)
    target_audiences = models.TextField(
        _("destinataires du transfert"), blank=True,
        help_text=_("Structures bénéficiaires, leurs réseaux, partenaires du DLA / C2RA…"),
    )
    responsible = models.CharField(
        _("responsable du transfert"), max_length=20, choices=TransferResponsible.choices,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("élément de capitalisation")
        verbose_name_plural = _("capitalisation")
        ordering = ["pk"]

    def __str__(self):
        return self.title
