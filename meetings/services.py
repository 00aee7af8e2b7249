"""Writes of the sessions: plan, edit, cancel, invite, answer, record attendance, file the
signed sheet. Keyword-only; each in a transaction. The e-mails are in ``mailing``."""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cycle.audiences import Visibility
from dla_ic.concurrency import save_versioned
from dossier import services as dossier
from dossier.vocabulary import Category

from .mailing import send_invitations, send_updates
from .models import Attendee, Invitation, Meeting
from .tasks import send_meeting_updates
from .vocabulary import Answer

logger = logging.getLogger(__name__)

__all__ = ["send_invitations", "send_updates"]  # the sessions' writes, mails included

# What the invitees already told are told again when it changes (not the agenda text).
NOTICED_FIELDS = ("held_on", "starts_at", "ends_at", "place", "video_url")


def _noticed(meeting) -> tuple:
    return tuple(getattr(meeting, name) for name in NOTICED_FIELDS)


def _to_notify(meeting) -> None:
    """Mark the saved version as the one to tell the invitees (an update, not a save: the
    version does not move), and queue the telling once committed."""
    Meeting.objects.filter(pk=meeting.pk).update(notice_version=meeting.version)
    meeting.notice_version = meeting.version
    transaction.on_commit(lambda: send_meeting_updates.enqueue(meeting.pk))


def _set_invitations(meeting, invited: dict) -> None:
    """``invited``: {structure: seats}. A structure no longer invited loses its invitation
    unless it already answered (its answer is history: kept)."""
    current = {i.structure_id: i for i in meeting.invitations.all()}
    for structure, seats in invited.items():
        row = current.pop(structure.pk, None)
        if row is None:
            Invitation.objects.create(meeting=meeting, structure=structure, seats=seats)
        elif row.seats != seats:
            row.seats = seats
            row.save(update_fields=["seats"])
    for row in current.values():
        if row.answer == Answer.PENDING and not row.meeting.attendees.filter(
            structure_id=row.structure_id
        ).exists():
            row.delete()


@transaction.atomic
def create_meeting(*, project, by, fields: dict, invited: dict, intervenants) -> Meeting:
    meeting = Meeting(project=project, created_by=by, **fields)
    meeting.full_clean(exclude=["project", "created_by"])
    meeting.save()
    meeting.intervenants.set(intervenants)
    _set_invitations(meeting, invited)
    return meeting


@transaction.atomic
def update_meeting(*, meeting, version, fields: dict, invited: dict, intervenants) -> Meeting:
    """RecordModifiedError when someone saved the session since ``version``. A new date,
    time, place or link is mailed to the structures already invited."""
    # read from the row: a model form has already set the new values on ``meeting``
    before = Meeting.objects.filter(pk=meeting.pk).values_list(*NOTICED_FIELDS).get()
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean(exclude=["project", "created_by"])
    save_versioned(meeting, version)
    meeting.intervenants.set(intervenants)
    _set_invitations(meeting, invited)
    if _noticed(meeting) != before:
        _to_notify(meeting)
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting, version, by) -> Meeting:
    if meeting.cancelled:
        return meeting
    meeting.cancelled_at, meeting.cancelled_by = timezone.now(), by
    save_versioned(meeting, version)
    _to_notify(meeting)
    return meeting


@transaction.atomic
def answer_invitation(*, invitation, by, answer, attending=None) -> Invitation:
    if invitation.meeting.cancelled:
        raise ValidationError(_("Cette séance est annulée."))
    if answer == Answer.YES and not attending:
        raise ValidationError({"attending": _("Indiquez combien de personnes viennent.")})
    invitation.answer = answer
    invitation.attending = attending if answer == Answer.YES else None
    invitation.answered_at, invitation.answered_by = timezone.now(), by
    invitation.save(update_fields=["answer", "attending", "answered_at", "answered_by"])
    return invitation


@dataclass
class Recorded:
    saved: int = 0
    conflicts: dict = field(default_factory=dict)  # {(structure id, slot): the row kept}


@transaction.atomic
def record_attendance(*, meeting, by, lines: list[dict]) -> Recorded:
    """``lines``: {structure, slot, name, present}, one per expected person, and ``was``:
    (name, present) as the line was shown when loaded, if known. A line left as loaded is
    not written; one changed since loaded by someone else, differently, is kept as they
    saved it and returned among the conflicts; the others are saved over the row of the
    same structure and line (three queries whatever the lines)."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one writer at a time
    rows = {(a.structure_id, a.slot): a
            for a in Attendee.objects.filter(meeting=meeting).select_related("recorded_by")}
    now, new, changed, result = timezone.now(), [], [], Recorded()
    for line in lines:
        key = (line["structure"].pk, line["slot"])
        mine, was, row = (line["name"], line["present"]), line.get("was"), rows.get(key)
        if was is not None and mine == was:
            continue  # untouched here: whatever is saved stays
        if row is None:
            new.append(Attendee(meeting=meeting, structure=line["structure"], slot=line["slot"],
                                name=line["name"], present=line["present"], recorded_by=by))
        elif was is not None and (row.name, row.present) not in (was, mine):
            result.conflicts[key] = row
        elif (row.name, row.present) != mine:
            row.name, row.present, row.recorded_by, row.recorded_at = (*mine, by, now)
            changed.append(row)
    Attendee.objects.bulk_create(new)
    Attendee.objects.bulk_update(changed, ["name", "present", "recorded_by", "recorded_at"])
    result.saved = len(new) + len(changed)
    return result


def file_signed_sheet(*, meeting, upload, by):
    """The signed scan into the IC's dossier, « feuille d'émargement », for the DLA team."""
    title = _("Émargement – %(title)s (%(day)s)") % {
        "title": meeting.title, "day": meeting.held_on.strftime("%d/%m/%Y")
    }
    return dossier.add_document(
        project=meeting.project, title=title[:200], category=Category.ATTENDANCE,
        visibility=Visibility.TEAM, upload=upload, by=by,
    )
