"""A committed structure's follow-up questionnaire of a closed IC: one per year (N, N+1, N+2)."""

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .vocabulary import SHORT, Channel, Year


class Questionnaire(models.Model):
    participation = models.ForeignKey(
        "cycle.ProjectStructure", models.PROTECT, related_name="followups",
        verbose_name=_("structure participante"),
    )
    year = models.PositiveSmallIntegerField(_("année"), choices=Year.choices)
    due_on = models.DateField(_("à remplir le"))
    # {question code: answer}, the questions declared in .questions; decimals as strings.
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("saisi par"),
    )
    channel = models.CharField(_("recueilli"), max_length=10, choices=Channel.choices, blank=True)
    version = AutoIncVersionField(verbose_name=_("version"), help_text=_("numéro de version"))
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("questionnaire de suivi")
        verbose_name_plural = _("questionnaires de suivi")
        ordering = ["participation__structure__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "year"], name="followup_one_per_year",
                violation_error_message=_("Ce questionnaire de suivi existe déjà."),
            ),
        ]

    def __str__(self):
        return f"{self.participation.structure} – {self.short_year}"

    @property
    def short_year(self) -> str:
        return SHORT[self.year]

    @property
    def answered(self) -> bool:
        return self.answered_at is not None
