"""The organisations an IC involves: DLA and C2RA, partners, structures, prestataires."""

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import validate_postal_code, validate_siret
from .vocabulary import LegalForm, OrganisationKind, PartnerKind


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=80)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=80)
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="departements", verbose_name=_("région")
    )

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"


class Sector(models.Model):
    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    label = models.CharField(_("libellé"), max_length=120)

    class Meta:
        verbose_name = _("secteur d'activité")
        verbose_name_plural = _("secteurs d'activité")
        ordering = ["label"]

    def __str__(self):
        return self.label


class Organisation(models.Model):
    """A DLA départemental or a DLA régional (C2RA): the structures that pilot ICs."""

    kind = models.CharField(_("type"), max_length=10, choices=OrganisationKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    carrier = models.CharField(_("structure porteuse"), max_length=200, blank=True)
    departement = models.ForeignKey(
        Departement, models.PROTECT, null=True, blank=True, verbose_name=_("département")
    )
    region = models.ForeignKey(
        Region, models.PROTECT, blank=True, verbose_name=_("région"),
        help_text=_("Celle du département pour un DLA départemental (déduite)."),
    )

    class Meta:
        verbose_name = _("DLA ou C2RA")
        verbose_name_plural = _("DLA et C2RA")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=OrganisationKind.C2RA, departement__isnull=True)
                | Q(kind=OrganisationKind.DLA, departement__isnull=False),
                name="organisation_dla_has_departement",
                violation_error_message=_("Un DLA départemental a un département, un C2RA non."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # A DLA's région is its département's: derived, never asked (nor contradicted).
        if self.departement_id:
            self.region_id = self.departement.region_id
        elif not self.region_id:
            raise ValidationError({"region": _("Indiquez la région du DLA régional.")})


class Partner(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=PartnerKind.choices)
    region = models.ForeignKey(
        Region, models.PROTECT, null=True, blank=True, verbose_name=_("région")
    )
    departement = models.ForeignKey(
        Departement, models.PROTECT, null=True, blank=True, verbose_name=_("département")
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    # Declared, not guessed from the name: the sessions' émargement sheets carry the FSE
    # mention when a funder of the IC's budget is flagged so.
    european_social_fund = models.BooleanField(
        _("Fonds social européen (FSE)"), default=False,
        help_text=_("Cochez si ce partenaire est le FSE : les feuilles d'émargement des IC "
                    "qu'il cofinance portent la mention FSE."),
    )
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )  # dla_ic.concurrency
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name


class BeneficiaryStructure(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    legal_form = models.CharField(_("forme juridique"), max_length=20, choices=LegalForm.choices)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres, sans espace."),
    )
    sector = models.ForeignKey(Sector, models.PROTECT, verbose_name=_("secteur d'activité"))
    employees = models.PositiveIntegerField(_("salariés"), null=True, blank=True)
    aided_jobs = models.PositiveIntegerField(_("emplois aidés"), null=True, blank=True)
    departement = models.ForeignKey(Departement, models.PROTECT, verbose_name=_("département"))
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postal_code = models.CharField(
        _("code postal"), max_length=5, blank=True, validators=[validate_postal_code]
    )
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )  # dla_ic.concurrency
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("structure bénéficiaire")
        verbose_name_plural = _("structures bénéficiaires")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(aided_jobs__isnull=True)
                | Q(employees__isnull=True)
                | Q(aided_jobs__lte=models.F("employees")),
                name="structure_aided_jobs_within_employees",
                violation_error_message=_("Les emplois aidés ne peuvent dépasser les salariés."),
            ),
        ]

    def __str__(self):
        return self.name


class Prestataire(models.Model):
    """A consulting firm hired through a cahier des charges."""

    name = models.CharField(_("raison sociale"), max_length=200)
    siret = models.CharField(
        _("SIRET"), max_length=14, unique=True, null=True, blank=True, validators=[validate_siret]
    )
    departement = models.ForeignKey(
        Departement, models.PROTECT, null=True, blank=True, verbose_name=_("département")
    )
    email = models.EmailField(_("courriel"), blank=True)
    approved_regions = models.ManyToManyField(
        Region, blank=True, related_name="approved_prestataires",
        verbose_name=_("référencé dans les régions"),
    )
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )  # dla_ic.concurrency
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prestataire")
        verbose_name_plural = _("prestataires")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name


class Intervenant(models.Model):
    """A consultant of a prestataire; may hold a user account to fill in grilles."""

    prestataire = models.ForeignKey(
        Prestataire, models.PROTECT, related_name="intervenants", verbose_name=_("prestataire")
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("courriel"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="intervenant",
        verbose_name=_("compte utilisateur"),
    )
    history = HistoricalRecords()  # its e-mail receives the firm's tender mail

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class StructureContact(models.Model):
    """A person who represents a beneficiary structure and signs in as such.

    Created when their invitation is accepted; « Retirer l'accès » sets ``withdrawn_at``:
    from then on the account reaches no IC (computed on each request, nothing cached).
    """

    structure = models.ForeignKey(
        BeneficiaryStructure, models.PROTECT, related_name="contacts",
        verbose_name=_("structure bénéficiaire"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="structure_contact",
        verbose_name=_("compte utilisateur"),
    )
    created_at = models.DateTimeField(_("accès ouvert le"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("accès retiré le"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("accès retiré par"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact d'une structure")
        verbose_name_plural = _("contacts des structures")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return f"{self.user} ({self.structure})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
