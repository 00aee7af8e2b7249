"""The exchanges' lines of the activity feed (cycle.timeline), from exchange/apps.py: the
messages whose level the reader sees, and the private notes for the DLA team alone."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cycle.timeline import Event, Kind, Scope

from .models import Message, Note

MESSAGE = Kind("message", gettext_lazy("message"))
NOTE = Kind("note", gettext_lazy("note privée"))
EXCERPT = 200  # characters of a message or note shown in the feed


def _excerpt(text) -> str:
    return Truncator(text).chars(EXCERPT)


def messages(scope: Scope) -> list[Event]:
    """The messages of the levels the reader's role sees (cycle.audiences), nothing else."""
    if not scope.levels:
        return []
    rows = scope.bound(
        Message.objects.filter(
            thread__project__in=scope.projects.values("pk"), visibility__in=scope.levels
        ).select_related("author", "thread"),
        "created_at",
    )
    title = _("Message dans « %(subject)s »")
    return [
        Event(
            message.created_at, MESSAGE.value, title % {"subject": message.thread.subject},
            message.author, _excerpt(message.body), message.thread.project_id,
            reverse("exchange:thread", kwargs={
                "pk": message.thread.project_id, "thread_pk": message.thread_id,
            }),
        )
        for message in rows
    ]


def notes(scope: Scope) -> list[Event]:
    """The DLA team's private notes: its members (and admins) only, never anyone else."""
    if not scope.team:
        return []
    rows = scope.bound(
        Note.objects.filter(project__in=scope.projects.values("pk"))
        .select_related("author", "participation__structure"),
        "created_at",
    )
    on_ic, on_structure = _("Note privée"), _("Note privée sur « %(structure)s »")
    return [
        Event(
            note.created_at, NOTE.value,
            on_structure % {"structure": note.participation.structure.name}
            if note.participation_id else on_ic,
            note.author, _excerpt(note.body), note.project_id,
            reverse("exchange:project", args=[note.project_id]),
        )
        for note in rows
    ]
