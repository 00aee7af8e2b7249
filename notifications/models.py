from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .kinds import Channel


class Notification(models.Model):
    """Something that concerns one person. ``key`` names the event: emitting it twice to
    the same person writes one row, and so sends at most one e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notifications",
        verbose_name=_("destinataire"),
    )
    kind = models.CharField(_("type"), max_length=40)
    # The channel chosen when it was emitted (the person's preference then).
    channel = models.CharField(_("envoi"), max_length=10, choices=Channel.choices)
    title = models.CharField(_("titre"), max_length=300)
    body = models.TextField(_("texte"), blank=True)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    key = models.CharField(_("clé"), max_length=200)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("envoyée par courriel le"), null=True, blank=True)
    digested_at = models.DateTimeField(_("envoyée dans le résumé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key"),
        ]
        indexes = [
            # The bell's count.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            # The list: unread first, latest first.
            models.Index(
                fields=["recipient", "read_at", "-created_at"],
                name="notification_list",
            ),
            # The daily digest's pending rows.
            models.Index(
                fields=["channel", "digested_at"],
                condition=Q(digested_at__isnull=True),
                name="notification_digest_pending",
            ),
        ]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """A person's channel for one kind, when it differs from their role's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("utilisateur"),
    )
    kind = models.CharField(_("type"), max_length=40)
    channel = models.CharField(_("envoi"), max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
        ]

    def __str__(self):
        return f"{self.user} · {self.kind} : {self.get_channel_display()}"


class DigestSent(models.Model):
    """The day a person's digest went out: one a day at most, even when the job runs again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="+",
        verbose_name=_("utilisateur"),
    )
    day = models.DateField(_("jour"))
    sent_at = models.DateTimeField(_("envoyé le"))
    count = models.PositiveIntegerField(_("notifications"))

    class Meta:
        verbose_name = _("résumé quotidien envoyé")
        verbose_name_plural = _("résumés quotidiens envoyés")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day"),
        ]

    def __str__(self):
        return f"{self.user} · {self.day}"
