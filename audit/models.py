"""An audit bundle: one ZIP of an IC's documents, history and manifest, asked by one person
and built in the background (audit.tasks)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dla_ic.jobs import JOB_TONES, PENDING, JobStatus

BundleStatus = JobStatus  # a bundle is built by the worker like any background job


class AuditBundle(models.Model):
    project = models.ForeignKey(
        "cycle.Project", models.PROTECT, related_name="audit_bundles", verbose_name=_("IC")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="audit_bundles",
        verbose_name=_("demandé par"),
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=BundleStatus.choices, default=BundleStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    file = models.CharField(_("fichier"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("taille (octets)"), null=True, blank=True)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    files_count = models.PositiveIntegerField(_("nombre de fichiers"), null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    task_id = models.CharField(_("tâche"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier d'audit")
        verbose_name_plural = _("dossiers d'audit")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Asking again while one is being built returns it: never two in the queue.
            models.UniqueConstraint(
                fields=["project", "requested_by"], condition=Q(status__in=PENDING),
                name="audit_one_pending_bundle",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BundleStatus.values), name="audit_status_valid"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="audit_progress_percent"),
        ]

    def __str__(self):
        return str(_("Dossier d'audit – %(project)s") % {"project": self.project})

    @property
    def is_ready(self) -> bool:
        return self.status == BundleStatus.DONE

    @property
    def may_retry(self) -> bool:
        return self.status == BundleStatus.FAILED or self.is_stale

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def is_stale(self) -> bool:
        """Running for too long: its worker is taken for dead, it may be asked again."""
        if self.status != BundleStatus.RUNNING or self.started_at is None:
            return False
        silence = timezone.now() - self.started_at
        return silence.total_seconds() > settings.TASK_STALE_AFTER_SECONDS

    @property
    def is_polled(self) -> bool:
        return self.is_pending and not self.is_stale

    @property
    def status_tone(self) -> str:
        return JOB_TONES[self.status]
