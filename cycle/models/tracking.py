"""What happened to an IC: checklist ticks and the transition log."""

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..checklists import checklist_label
from ..states import State


class ChecklistItem(models.Model):
    """One methodology bullet of a sub-phase, as ticked for one project."""

    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="checklist")
    phase = models.CharField(_("sous-phase"), max_length=30, choices=State.choices)
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("ordre"))
    done = models.BooleanField(_("fait"), default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("coché par"),
    )
    done_at = models.DateTimeField(_("coché le"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )

    class Meta:
        verbose_name = _("point de la liste de contrôle")
        verbose_name_plural = _("liste de contrôle")
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "phase", "code"], name="checklist_unique"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return checklist_label(self.phase, self.code)


class TransitionLog(models.Model):
    """One fired transition of the cycle: who, when, from, to and why. Never deleted."""

    project = models.ForeignKey(
        "cycle.Project", models.PROTECT, related_name="transition_logs"
    )
    transition = models.CharField(_("transition"), max_length=30)
    source = models.CharField(_("depuis"), max_length=30, choices=State.choices, blank=True)
    target = models.CharField(_("vers"), max_length=30, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+",
        verbose_name=_("par"),
    )
    at = models.DateTimeField(_("le"), db_index=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("historique du cycle")
        ordering = ["project", "at", "pk"]
        indexes = [models.Index(fields=["project", "at"])]

    def __str__(self):
        return f"{self.get_source_display()} → {self.get_target_display()}"
