"""The grille d'enquête of an IC: the single source of its monograph."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField


class GrilleStatus(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    SUBMITTED = "remise", _("Remise")
    RETURNED = "renvoyee", _("Renvoyée avec commentaires")
    VALIDATED = "validee", _("Validée")


class Grille(models.Model):
    SUBMITTED_STATUSES = frozenset({GrilleStatus.SUBMITTED, GrilleStatus.VALIDATED})

    project = models.OneToOneField(
        "cycle.Project", models.PROTECT, related_name="grille", verbose_name=_("IC")
    )
    status = FSMField(
        _("statut"), default=GrilleStatus.DRAFT, choices=GrilleStatus.choices, protected=True
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("grille d'enquête")
        verbose_name_plural = _("grilles d'enquête")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=GrilleStatus.values), name="grille_status_valid"
            ),
        ]

    def __str__(self):
        return str(_("Grille d'enquête – %(project)s") % {"project": self.project})
