"""A session (« séance ») of an IC, the structures invited to it and who attended."""

from datetime import datetime
from zoneinfo import ZoneInfo

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cycle.states import State

from .vocabulary import MAX_SEATS, TIME_ZONE, Answer


class Meeting(models.Model):
    project = models.ForeignKey(
        "cycle.Project", models.PROTECT, related_name="meetings", verbose_name=_("IC")
    )
    title = models.CharField(_("intitulé"), max_length=200)
    phase = models.CharField(_("sous-phase"), max_length=30, choices=State.choices)
    # The IC's planned phase the session belongs to: the grille's phases read their days
    # and participants from it (meetings.attendance). PROTECT: a phase with sessions stays.
    planned_phase = models.ForeignKey(
        "cycle.PlannedPhase", models.PROTECT, null=True, blank=True, related_name="meetings",
        verbose_name=_("phase de l'intervention"),
        help_text=_("La phase prévue de l'IC dont relève la séance."),
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("début"))
    ends_at = models.TimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=300, blank=True)
    # A CharField checked as a URL: the form's field says which scheme a bare address gets.
    video_url = models.CharField(
        _("lien de visioconférence"), max_length=200, blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
    )
    agenda = models.TextField(_("ordre du jour"), blank=True)
    intervenants = models.ManyToManyField(
        "directory.Intervenant", blank=True, related_name="meetings",
        verbose_name=_("intervenants"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("créée par")
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("annulée par"),
    )
    version = AutoIncVersionField(verbose_name=_("version"), help_text=_("numéro de version"))
    # The version whose date, times, place, link or cancellation the invitees already
    # invited must be told (an agenda-only edit moves ``version``, not this).
    notice_version = models.PositiveBigIntegerField(
        _("version à annoncer"), null=True, blank=True, editable=False,
    )

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["held_on", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("La séance doit finir après son début."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La séance doit finir après son début.")})
        if not self.place and not self.video_url:
            raise ValidationError(
                {"place": _("Indiquez un lieu ou un lien de visioconférence.")}
            )
        if self.planned_phase_id and self.planned_phase.project_id != self.project_id:
            raise ValidationError(
                {"planned_phase": _("Choisissez une phase prévue de cette IC.")}
            )

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    def _at(self, time) -> datetime:
        return datetime.combine(self.held_on, time, tzinfo=ZoneInfo(TIME_ZONE))

    @property
    def start(self) -> datetime:
        return self._at(self.starts_at)

    @property
    def end(self) -> datetime:
        return self._at(self.ends_at)

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


class Invitation(models.Model):
    """A structure invited to a session, how many of its people, and its answer."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="invitations")
    structure = models.ForeignKey(
        "directory.BeneficiaryStructure", models.PROTECT, related_name="meeting_invitations",
        verbose_name=_("structure"),
    )
    seats = models.PositiveSmallIntegerField(
        _("personnes invitées"), default=1,
    )
    answer = models.CharField(
        _("réponse"), max_length=20, choices=Answer.choices, default=Answer.PENDING
    )
    attending = models.PositiveSmallIntegerField(_("personnes qui viennent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("répondu par"),
    )
    sent_at = models.DateTimeField(_("invitation envoyée le"), null=True, blank=True)
    mailed_version = models.PositiveBigIntegerField(
        _("version de la séance envoyée"), null=True, blank=True, editable=False,
    )

    class Meta:
        verbose_name = _("invitation à une séance")
        verbose_name_plural = _("invitations aux séances")
        ordering = ["structure__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "structure"], name="meeting_invitation_unique",
                violation_error_message=_("Cette structure est déjà invitée."),
            ),
            models.CheckConstraint(
                condition=models.Q(seats__gte=1, seats__lte=MAX_SEATS),
                name="meeting_invitation_seats",
            ),
        ]

    def __str__(self):
        return f"{self.structure} – {self.meeting}"

    @property
    def expected(self) -> int:
        """How many people of the structure are expected on the sheet."""
        if self.answer == Answer.NO:
            return 0
        if self.answer == Answer.YES and self.attending:
            return self.attending
        return self.seats


class Attendee(models.Model):
    """One line of the attendance list: the n-th expected person of a structure."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="attendees")
    structure = models.ForeignKey(
        "directory.BeneficiaryStructure", models.PROTECT, related_name="+",
        verbose_name=_("structure"),
    )
    slot = models.PositiveSmallIntegerField(_("ligne"))
    name = models.CharField(_("nom"), max_length=200, blank=True)
    present = models.BooleanField(_("présent"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("saisi par")
    )
    recorded_at = models.DateTimeField(_("saisi le"), auto_now=True)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["structure__name", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "structure", "slot"], name="meeting_attendee_unique"
            ),
        ]

    def __str__(self):
        return self.name or str(self.structure)
