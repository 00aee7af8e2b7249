"""The documents an IC produces: its cahier des charges (call for tender)."""

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from dla_ic.jobs import JOB_TONES, JobStatus
from grille.vocabulary import WorkMethod
from workflows.machines import action
from workflows.models import transition_history

from .frozen import StoredDocument


class Specification(models.Model):
    """The cahier des charges, written at Confirmer ("finaliser les modalités d'intervention").

    Context, beneficiaries and objectives are read from the IC itself; this
    model holds only what the IC does not already know. Its issue date is the
    IC's ``specification_issued_on``, which the cycle's guard reads.
    """

    project = models.OneToOneField(
        "cycle.Project", models.PROTECT, related_name="specification", verbose_name=_("IC")
    )
    context = models.TextField(
        _("contexte"), blank=True,
        help_text=_("À savoir sur le territoire et les structures, au-delà de la problématique."),
    )
    expected_themes = models.JSONField(_("thèmes attendus"), default=list, blank=True)
    expected_contents = models.TextField(_("contenus attendus"), blank=True)
    # What the grille d'enquête, « clé de lecture » of a cahier des charges (III.A), asks of
    # the intervention: who is expected to intervene, how they work, which kind of action.
    expected_team = models.TextField(
        _("équipe d'intervention attendue"), blank=True,
        help_text=_(
            "Nombre et profil des intervenants, répartition des rôles avec le chargé de "
            "mission et les partenaires du système intervenant."
        ),
    )
    work_method = models.CharField(
        _("méthode de travail"), max_length=20, choices=WorkMethod.choices, blank=True
    )
    intervention_types = models.JSONField(_("types d'intervention"), default=list, blank=True)
    rhythm = models.TextField(_("rythme"), blank=True)
    duration = models.CharField(_("durée"), max_length=200, blank=True)
    period = models.CharField(_("période d'intervention"), max_length=200, blank=True)
    place = models.TextField(
        _("lieu"), blank=True, help_text=_("Adapté aux origines géographiques des participants.")
    )
    logistics = models.TextField(_("conditions logistiques"), blank=True)
    scenarios = models.TextField(
        _("scénarios"), blank=True, help_text=_("Plusieurs scénarios peuvent être proposés.")
    )
    deliverables = models.TextField(_("livrables"), blank=True)
    capitalisation_duties = models.TextField(_("capitalisation attendue"), blank=True)
    evaluation = models.TextField(_("évaluation"), blank=True)
    budget_ceiling = models.DecimalField(
        _("budget plafond (€ TTC)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    calendar = models.TextField(_("calendrier"), blank=True)
    reply_deadline = models.DateTimeField(_("date limite de réponse"), null=True, blank=True)
    how_to_answer = models.TextField(_("modalités de réponse"), blank=True)
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("modifié par"),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("cahier des charges")
        verbose_name_plural = _("cahiers des charges")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_ceiling__isnull=True) | Q(budget_ceiling__gte=0),
                name="specification_budget_not_negative",
            ),
        ]

    def __str__(self):
        return str(_("Cahier des charges – %(project)s") % {"project": self.project})


class Criterion(models.Model):
    """A criterion on which offers are judged, with its weight out of 100."""

    specification = models.ForeignKey(
        Specification, models.CASCADE, related_name="criteria", verbose_name=_("cahier des charges")
    )
    label = models.CharField(_("critère"), max_length=255)
    weight = models.PositiveSmallIntegerField(
        _("pondération (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("critère de choix")
        verbose_name_plural = _("critères de choix")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=100), name="criterion_weight_range"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.weight} %)"


class IssuedSpecification(StoredDocument):
    """One issued version of the cahier des charges, as candidates received it; never changed.

    Version 1 is the issue; each later one is an avenant with its reason.
    """

    specification = models.ForeignKey(
        Specification, models.PROTECT, related_name="issued_versions",
        verbose_name=_("cahier des charges"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    reason = models.TextField(_("motif de l'avenant"), blank=True)
    content = models.JSONField(_("contenu"), encoder=DjangoJSONEncoder)
    criteria = models.JSONField(_("critères et pondérations"), encoder=DjangoJSONEncoder)
    issued_at = models.DateTimeField(_("émis le"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("émis par")
    )

    class Meta:
        verbose_name = _("version émise du cahier des charges")
        verbose_name_plural = _("versions émises du cahier des charges")
        ordering = ["specification", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["specification", "number"], name="issued_specification_unique"
            ),
        ]

    def __str__(self):
        return str(_("Cahier des charges – version %(n)s") % {"n": self.number})

    @property
    def is_amendment(self) -> bool:
        return self.number > 1


CarnetStatus = JobStatus  # a carnet is built by the worker like any background job


def _by_the_worker(carnet, user) -> bool:
    """django-fsm's permission hook: a build is reported by the background worker (or the
    reaper of dead workers), never by a person."""
    return user is None


def _by_its_requester(carnet, user) -> bool:
    return user is not None and user.has_perm("monographs.view_carnet", carnet)


def _retry_blockers(carnet, target) -> list[str]:
    return [] if carnet.may_retry else [str(_("Seul un carnet en échec peut être relancé."))]


class Carnet(models.Model):
    """A compilation of monographs exported as one PDF, built by a background task."""

    title = models.CharField(_("titre"), max_length=200)
    projects = models.ManyToManyField(
        "cycle.Project", related_name="carnets", verbose_name=_("monographies")
    )
    # The monographs' print order, chosen by the C2RA: project ids, first printed first.
    order = models.JSONField(_("ordre des monographies"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="carnets",
        verbose_name=_("demandé par"),
    )
    # Not protected: the worker's progress and heartbeat are written by queryset updates
    # beside the transitions (monographs.tasks).
    status = FSMField(
        _("statut"), max_length=20, choices=CarnetStatus.choices, default=CarnetStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    file = models.CharField(_("fichier"), max_length=255, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    task_id = models.CharField(_("tâche"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("dernier signe de vie"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    # Its build's steps (monographs.services.CARNET), in the one log of every machine.
    transition_logs = transition_history("carnet")

    class Meta:
        verbose_name = _("carnet")
        verbose_name_plural = _("carnets")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="carnet_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CarnetStatus.values), name="carnet_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_stale(self) -> bool:
        """Running, but its worker has been silent too long: taken for dead."""
        if self.status != CarnetStatus.RUNNING or self.heartbeat_at is None:
            return False
        silence = timezone.now() - self.heartbeat_at
        return silence.total_seconds() > settings.TASK_STALE_AFTER_SECONDS

    @property
    def waits_for_worker(self) -> bool:
        """Queued for over a minute and no worker has beaten meanwhile: none will pick it up."""
        if self.status != CarnetStatus.QUEUED:
            return False
        since = max(filter(None, [self.created_at, self.heartbeat_at]))
        waited = (timezone.now() - since).total_seconds()
        return waited > SILENT_AFTER and not WorkerBeat.objects.alive()

    @property
    def is_ready(self) -> bool:
        return self.status == CarnetStatus.DONE

    @property
    def is_polled(self) -> bool:
        """Queued or running (and not taken for dead): the page asks again for news."""
        return self.status in (CarnetStatus.QUEUED, CarnetStatus.RUNNING) and not self.is_stale

    @property
    def may_retry(self) -> bool:
        return self.status == CarnetStatus.FAILED or self.is_stale

    @property
    def shown_status(self) -> str:
        if self.is_stale:
            return str(_("Interrompu"))
        if self.waits_for_worker:
            return str(_("En attente d'un worker"))
        return self.get_status_display()

    @property
    def status_tone(self) -> str:
        return JOB_TONES[self.status]

    # --- its build (monographs.services fires these, logs them and saves the state with
    # CARNET.fields only: the worker writes progress and heartbeat meanwhile)

    @transition(
        field="status", source=CarnetStatus.QUEUED, target=CarnetStatus.RUNNING,
        permission=_by_the_worker, custom=action(_("Commencer la fabrication")),
    )
    def start(self):
        self.progress, self.error, self.heartbeat_at = 0, "", timezone.now()

    @transition(
        field="status", source=CarnetStatus.RUNNING, target=CarnetStatus.DONE,
        permission=_by_the_worker, custom=action(_("Terminer la fabrication"), tone="success"),
    )
    def finish(self):
        """The PDF is written (its ``file`` and ``pages`` set by the worker)."""
        self.progress = 100
        self.heartbeat_at = self.finished_at = timezone.now()

    @transition(
        field="status", source=CarnetStatus.RUNNING, target=CarnetStatus.FAILED,
        permission=_by_the_worker,
        custom=action(_("Constater l'échec"), tone="danger",
                      reason=_("Indiquez l'erreur survenue.")),
    )
    def fail(self, reason=""):
        self.error = reason
        self.heartbeat_at = self.finished_at = timezone.now()

    @transition(
        field="status", source=CarnetStatus.RUNNING, target=CarnetStatus.FAILED,
        permission=_by_the_worker,
        custom=action(_("Constater l'interruption"), tone="warning",
                      reason=_("Indiquez pourquoi le traitement est tenu pour interrompu.")),
    )
    def interrupt(self, reason=""):
        """Its worker fell silent for too long (reap_stale_tasks): taken for dead."""
        self.error = reason
        self.finished_at = timezone.now()

    @transition(
        field="status", source=[CarnetStatus.FAILED, CarnetStatus.RUNNING],
        target=CarnetStatus.QUEUED, permission=_by_its_requester,
        custom=action(_("Relancer"), blockers=_retry_blockers),
    )
    def retry(self):
        """Failed, or running with a silent worker: queued again."""
        self.progress, self.error = 0, ""


class DisseminationMark(models.Model):
    """« À diffuser »: a C2RA's pick of a published monograph, what a carnet is compiled from.

    Kept here, beside the carnet that reads it; the library above only toggles it.
    """

    project = models.OneToOneField(
        "cycle.Project", models.CASCADE, related_name="dissemination_mark",
        verbose_name=_("IC"),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("marqué par")
    )
    marked_at = models.DateTimeField(_("marqué le"), auto_now_add=True)

    class Meta:
        verbose_name = _("monographie à diffuser")
        verbose_name_plural = _("monographies à diffuser")

    def __str__(self):
        return str(_("À diffuser – %(project)s") % {"project": self.project})


SILENT_AFTER = 60  # seconds without a worker's beat: no worker is running


class WorkerBeatQuerySet(models.QuerySet):
    def silence(self) -> float | None:
        """Seconds since any worker's last beat, None if none ever beat."""
        last = self.aggregate(last=Max("beat_at"))["last"]
        return None if last is None else max(0.0, (timezone.now() - last).total_seconds())

    def alive(self) -> bool:
        quiet = self.silence()
        return quiet is not None and quiet <= SILENT_AFTER


class WorkerBeat(models.Model):
    """A background worker's last sign of life, one row per worker process
    (monographs.worker beats): in the database every web host reads, as no folder need be
    shared between hosts (S3 storage)."""

    worker = models.CharField(_("worker"), max_length=255, unique=True)  # host:pid
    beat_at = models.DateTimeField(_("dernier signe de vie"))

    objects = WorkerBeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("signe de vie d'un worker")
        verbose_name_plural = _("signes de vie des workers")

    def __str__(self):
        return self.worker
