"""An IC's documents, each with its versions; deleting one only marks it, with a reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cycle.audiences import Visibility

from .vocabulary import Category


class Document(models.Model):
    project = models.ForeignKey(
        "cycle.Project", models.PROTECT, related_name="documents", verbose_name=_("IC")
    )
    title = models.CharField(_("titre"), max_length=200)
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    visibility = models.CharField(
        _("visibilité"), max_length=20, choices=Visibility.choices, default=Visibility.TEAM
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("déposé par")
    )
    deleted_at = models.DateTimeField(_("supprimé le"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supprimé par"),
    )
    deletion_reason = models.TextField(_("motif de la suppression"), blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class DocumentVersion(models.Model):
    """One upload: stored under PRIVATE_ROOT by a random name, served by a checked view."""

    document = models.ForeignKey(Document, models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file_name = models.CharField(max_length=64, editable=False)
    original_name = models.CharField(_("nom du fichier"), max_length=150)
    size = models.PositiveIntegerField(_("taille"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("déposée le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("déposée par")
    )

    class Meta:
        verbose_name = _("version d'un document")
        verbose_name_plural = _("versions des documents")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="dossier_version_unique")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"
