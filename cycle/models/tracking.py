"""What happened to an IC: checklist ticks (its transitions are in workflows' one log)."""

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
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    # Who does it (else the IC's chargés de mission); the history keeps the row if they go.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("responsable"),
    )
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


class PhaseTarget(models.Model):
    """The date a sub-phase of the IC is meant to be done by (``cycle.targets`` proposes
    one from the IC's calendar; the chargé de mission sets it)."""

    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="phase_targets")
    phase = models.CharField(_("sous-phase"), max_length=30, choices=State.choices)
    due_on = models.DateField(_("échéance"))
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )

    class Meta:
        verbose_name = _("échéance de sous-phase")
        verbose_name_plural = _("échéances des sous-phases")
        constraints = [
            models.UniqueConstraint(fields=["project", "phase"], name="phase_target_unique"),
        ]

    def __str__(self):
        return f"{self.get_phase_display()} – {self.due_on:%d/%m/%Y}"
