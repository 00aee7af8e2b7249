"""The documents an IC produces: its cahier des charges (call for tender)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Specification(models.Model):
    """The cahier des charges, written at Confirmer ("finaliser les modalités d'intervention").

    Context, beneficiaries and objectives are read from the IC itself; this
    model holds only what the IC does not already know. Its issue date is the
    IC's ``specification_issued_on``, which the cycle's guard reads.
    """

    project = models.OneToOneField(
        "cycle.Project", models.PROTECT, related_name="specification", verbose_name=_("IC")
    )
    context = models.TextField(
        _("contexte"), blank=True,
        help_text=_("À savoir sur le territoire et les structures, au-delà de la problématique."),
    )
    expected_themes = models.JSONField(_("thèmes attendus"), default=list, blank=True)
    expected_contents = models.TextField(_("contenus attendus"), blank=True)
    rhythm = models.TextField(_("rythme"), blank=True)
    duration = models.CharField(_("durée"), max_length=200, blank=True)
    period = models.CharField(_("période d'intervention"), max_length=200, blank=True)
    place = models.TextField(
        _("lieu"), blank=True, help_text=_("Adapté aux origines géographiques des participants.")
    )
    logistics = models.TextField(_("conditions logistiques"), blank=True)
    scenarios = models.TextField(
        _("scénarios"), blank=True, help_text=_("Plusieurs scénarios peuvent être proposés.")
    )
    deliverables = models.TextField(_("livrables"), blank=True)
    capitalisation_duties = models.TextField(_("capitalisation attendue"), blank=True)
    evaluation = models.TextField(_("évaluation"), blank=True)
    budget_ceiling = models.DecimalField(
        _("budget plafond (€ TTC)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    calendar = models.TextField(_("calendrier"), blank=True)
    reply_deadline = models.DateTimeField(_("date limite de réponse"), null=True, blank=True)
    how_to_answer = models.TextField(_("modalités de réponse"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("modifié par"),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("cahier des charges")
        verbose_name_plural = _("cahiers des charges")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_ceiling__isnull=True) | Q(budget_ceiling__gte=0),
                name="specification_budget_not_negative",
            ),
        ]

    def __str__(self):
        return str(_("Cahier des charges – %(project)s") % {"project": self.project})


class Criterion(models.Model):
    """A criterion on which offers are judged, with its weight out of 100."""

    specification = models.ForeignKey(
        Specification, models.CASCADE, related_name="criteria", verbose_name=_("cahier des charges")
    )
    label = models.CharField(_("critère"), max_length=255)
    weight = models.PositiveSmallIntegerField(
        _("pondération (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("critère de choix")
        verbose_name_plural = _("critères de choix")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=100), name="criterion_weight_range"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.weight} %)"
