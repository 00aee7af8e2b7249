"""An import in progress: the file's cells as read, the column mapping, then the result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    DRAFT = "apercu", _("Aperçu")
    QUEUED = "en_attente", _("En attente")
    RUNNING = "en_cours", _("En cours")
    DONE = "termine", _("Terminé")
    FAILED = "echec", _("Échec")


JOB_TONES = {  # badge colour of each status, declared once
    JobStatus.DRAFT: "secondary", JobStatus.QUEUED: "secondary", JobStatus.RUNNING: "primary",
    JobStatus.DONE: "success", JobStatus.FAILED: "danger",
}


class ImportJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="import_jobs",
        verbose_name=_("importé par"),
    )
    kind = models.CharField(_("type de données"), max_length=30)
    file_name = models.CharField(_("fichier"), max_length=255)
    headers = models.JSONField(_("en-têtes"), default=list)
    rows = models.JSONField(_("lignes"), default=list)  # cells as read, never formulas
    mapping = models.JSONField(_("correspondance des colonnes"), default=dict)
    status = models.CharField(
        _("statut"), max_length=20, choices=JobStatus.choices, default=JobStatus.DRAFT
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    counts = models.JSONField(_("bilan"), default=dict, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    task_id = models.CharField(_("tâche"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} – {self.file_name}"

    @property
    def is_polled(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def tone(self) -> str:
        return JOB_TONES[self.status]


class SavedMapping(models.Model):
    """The last column mapping a user confirmed for a kind: proposed again next time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    mapping = models.JSONField(default=dict)  # field -> header text

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="imports_one_mapping_per_kind"),
        ]

    def __str__(self):
        return self.kind
