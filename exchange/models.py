"""An IC's threads of messages (each message with its audience), their attachments, who
read what, and the DLA team's private notes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cycle.audiences import Visibility

USER = settings.AUTH_USER_MODEL


class Thread(models.Model):
    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="exchange_threads")
    subject = models.CharField(_("sujet"), max_length=200)
    created_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("ouvert le"), auto_now_add=True)

    class Meta:
        verbose_name = _("fil de discussion")
        verbose_name_plural = _("fils de discussion")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject


class Message(models.Model):
    thread = models.ForeignKey(Thread, models.CASCADE, related_name="messages")
    author = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("message"))
    visibility = models.CharField(
        _("visible par"), max_length=20, choices=Visibility.choices, default=Visibility.TEAM
    )
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class Attachment(models.Model):
    """A checked file stored under PRIVATE_ROOT with a random name; served by a view only."""

    message = models.ForeignKey(Message, models.CASCADE, related_name="attachments")
    file_name = models.CharField(max_length=80, unique=True)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField(_("taille"))

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class ThreadRead(models.Model):
    """Until when ``user`` has read ``thread``: what is newer and visible to them is unread."""

    thread = models.ForeignKey(Thread, models.CASCADE, related_name="reads")
    user = models.ForeignKey(USER, models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="exchange_one_read_per_user")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.thread_id}"


class Note(models.Model):
    """A private note of the DLA team on the IC, or on one structure's participation in it."""

    project = models.ForeignKey("cycle.Project", models.CASCADE, related_name="exchange_notes")
    participation = models.ForeignKey(
        "cycle.ProjectStructure",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("participation d'une structure"),
    )
    author = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("note privée")
        verbose_name_plural = _("notes privées")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.body[:60]
