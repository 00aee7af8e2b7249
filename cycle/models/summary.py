"""One row per IC of the figures its dashboard card and table row show.

Kept exact by cycle/summaries.py (refreshed within the transaction of every write to
its inputs); ``manage.py rebuild_summaries --check`` proves it.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectSummary(models.Model):
    # CASCADE: a derived row, no history; it goes with its IC.
    project = models.OneToOneField(
        "cycle.Project", models.CASCADE, primary_key=True, related_name="summary",
    )
    referent_name = models.CharField(_("pilote référent"), max_length=255, blank=True, null=True)
    structures_committed = models.PositiveIntegerField(_("structures engagées"), default=0)
    structures_targeted = models.PositiveIntegerField(_("structures visées"), default=0)
    budget_amount = models.DecimalField(
        _("budget TTC"), max_digits=14, decimal_places=2, default=Decimal("0"),
    )
    budget_days = models.DecimalField(
        _("nombre de jours"), max_digits=8, decimal_places=1, default=Decimal("0"),
    )

    class Meta:
        verbose_name = _("synthèse d'IC")
        verbose_name_plural = _("synthèses d'IC")

    def __str__(self):
        return str(self.project_id)
