"""The phases the IC plans in its projet d'intervention, declared once (issue 21): the
offer and the grille's part 2 are proposed them, each step stays editable."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .project import Project

PHASE_TITLE_MAX = 200
PHASE_DAYS_MAX = Decimal("365")


class PlannedPhase(models.Model):
    project = models.ForeignKey(
        Project, models.CASCADE, related_name="planned_phases", verbose_name=_("IC")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    title = models.CharField(_("intitulé"), max_length=PHASE_TITLE_MAX)
    days = models.DecimalField(
        _("nombre de jours"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(PHASE_DAYS_MAX)],
        help_text=_("Par demi-journées : 0,5 ; 1 ; 3,5…"),
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase prévue")
        verbose_name_plural = _("phases prévues")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__isnull=True) | (Q(days__gte=Decimal("0.5"))
                                                  & Q(days__lte=PHASE_DAYS_MAX)),
                name="planned_phase_days_plausible",
                violation_error_message=_(
                    "Le nombre de jours est compris entre une demi-journée et 365."
                ),
            ),
        ]

    def __str__(self):
        return self.title
