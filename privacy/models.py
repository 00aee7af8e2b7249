"""What the RGPD jobs did: each anonymisation or disabling run that changed something."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    ANONYMISED_IC = "ic", _("IC anonymisée")
    ANONYMISED_CONTACT = "contact", _("Contact de structure anonymisé")
    ANONYMISED_INTERVENANT = "intervenant", _("Intervenant anonymisé")
    DISABLED_ACCOUNTS = "accounts", _("Comptes inactifs désactivés")


class AnonymisationLog(models.Model):
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    target = models.CharField(_("objet"), max_length=300, blank=True)
    object_id = models.PositiveBigIntegerField(_("identifiant"), null=True, blank=True)
    count = models.PositiveIntegerField(_("nombre de champs ou de comptes modifiés"))
    details = models.JSONField(_("détail par donnée"), default=dict, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("journal d'anonymisation")
        verbose_name_plural = _("journal d'anonymisation")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.target} ({self.count})"
