"""The sessions' worth in days and participants, per planned phase of the IC: declared
once here; the grille's phases read it (grille is above meetings)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext_lazy as _

from agenda import selectors as agenda

from .models import Meeting

HALF_DAY_BELOW_HOURS = 4
HALF_DAY, FULL_DAY = Decimal("0.5"), Decimal("1")

DAY_RULE = _(
    "Une séance tenue (passée, non annulée) de moins de 4 heures compte pour une "
    "demi-journée, de 4 heures ou plus pour une journée ; une séance à venir ne compte pas "
    "encore."
)


def session_days(meeting) -> Decimal:
    """A held session's length in days (the rule in ``DAY_RULE``); a cancelled one: 0."""
    if meeting.cancelled:
        return Decimal("0")
    return HALF_DAY if meeting.hours < HALF_DAY_BELOW_HOURS else FULL_DAY


@dataclass
class PhaseAttendance:
    """What a planned phase's held sessions add up to."""

    sessions: int = 0
    days: Decimal = Decimal("0")
    participants: int = 0  # people marked present, counted session by session
    structure_ids: set = field(default_factory=set)

    @property
    def structures(self) -> int:
        return len(self.structure_ids)


def by_planned_phase(project) -> dict[int, PhaseAttendance]:
    """{planned phase id: its held sessions' totals}, only phases with a held session
    (up to today, not cancelled). One query whatever the sessions: each session joined to
    its people present."""
    rows = (
        Meeting.objects.filter(
            project=project, planned_phase__isnull=False, cancelled_at__isnull=True,
            held_on__lte=agenda.today(),
        )
        .annotate(here=FilteredRelation("attendees", condition=Q(attendees__present=True)))
        .values_list("pk", "planned_phase_id", "held_on", "starts_at", "ends_at",
                     "here__structure_id")
        .order_by("pk")
    )
    totals, counted = defaultdict(PhaseAttendance), set()
    for pk, phase_id, held_on, starts_at, ends_at, structure_id in rows:
        total = totals[phase_id]
        if pk not in counted:
            counted.add(pk)
            total.sessions += 1
            total.days += session_days(Meeting(held_on=held_on, starts_at=starts_at,
                                               ends_at=ends_at))
        if structure_id is not None:
            total.participants += 1
            total.structure_ids.add(structure_id)
    return dict(totals)
