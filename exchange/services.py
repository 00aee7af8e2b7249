"""Writes: open a thread, post a message (with its attachments), mark read, write a note.

The views check who may see the IC (``cycle.audiences.levels_for``); a service re-checks that the
writer is in the level they write to, so no form can widen an audience.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cycle.audiences import is_team, levels_for, within
from dla_ic.uploads import clean_name, discard_on_failure, store

from . import notices, uploads
from .models import Attachment, Message, Note, Thread, ThreadRead


def _check_level(by, project, visibility) -> None:
    if visibility not in levels_for(by, project):
        raise PermissionDenied(_("Vous ne pouvez pas écrire à ce public."))


def _opening_level(thread):
    """The level of the thread's first message (None before it is written)."""
    first = thread.messages.order_by("created_at", "pk").values_list("visibility", flat=True)
    return first.first()


def _check_answer(thread, visibility) -> None:
    opening = _opening_level(thread)
    if opening is not None and not within(visibility, opening):
        raise ValidationError(
            _("Cette discussion a commencé pour un public plus restreint : ouvrez-en une "
              "nouvelle pour écrire à ce public."),
            code="wider_than_opening",
        )


@discard_on_failure
@transaction.atomic
def post_message(*, by, thread, body, visibility, files=()) -> Message:
    """Write ``body`` in ``thread`` for ``visibility``; ``files`` are validated uploads."""
    _check_level(by, thread.project, visibility)
    _check_answer(thread, visibility)
    body = body.strip()
    if not body:
        raise ValidationError(_("Le message est vide."))
    message = Message.objects.create(thread=thread, author=by, body=body, visibility=visibility)
    for upload in files:
        kind = uploads.validate(upload)
        Attachment.objects.create(
            message=message,
            file_name=store(upload, kind, uploads.POLICY).name,
            original_name=clean_name(upload.name, uploads.NAME_MAX),
            kind=kind.code,
            size=upload.size,
        )
    mark_read(by=by, thread=thread, at=message.created_at)
    transaction.on_commit(lambda: notices.tell(message))
    return message


@transaction.atomic
def open_thread(*, by, project, subject, body, visibility, files=()) -> Thread:
    _check_level(by, project, visibility)
    thread = Thread.objects.create(project=project, subject=subject.strip(), created_by=by)
    post_message(by=by, thread=thread, body=body, visibility=visibility, files=files)
    return thread


def mark_read(*, by, thread, at=None) -> None:
    """What ``by`` sees of ``thread`` up to ``at`` (now) is read; never moves back."""
    at = at or timezone.now()
    mark, created = ThreadRead.objects.get_or_create(
        thread=thread, user=by, defaults={"read_at": at}
    )
    if not created and mark.read_at < at:
        ThreadRead.objects.filter(pk=mark.pk, read_at__lt=at).update(read_at=at)


@transaction.atomic
def write_note(*, by, project, body, participation=None) -> Note:
    """A private note of the DLA team, on the IC or one of its structures' participation."""
    if not is_team(levels_for(by, project)):
        raise PermissionDenied
    if participation is not None and participation.project_id != project.pk:
        raise ValidationError(_("Cette structure ne participe pas à cette IC."))
    body = body.strip()
    if not body:
        raise ValidationError(_("La note est vide."))
    return Note.objects.create(project=project, participation=participation, author=by, body=body)
