"""The states of a document built in the background by the worker (a carnet, an audit
bundle), declared once with the colour (a Bootstrap tone) of their badge."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "en_attente", _("En attente")
    RUNNING = "en_cours", _("En cours")
    DONE = "pret", _("Prêt")
    FAILED = "echec", _("Échec")


JOB_TONES = {
    JobStatus.QUEUED: "secondary", JobStatus.RUNNING: "primary",
    JobStatus.DONE: "success", JobStatus.FAILED: "danger",
}
PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)
