"""Reads: the threads and messages a person sees in an IC, what they have not read, notes."""

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from cycle.audiences import is_team, levels_for, role_levels
from cycle.models import Project, ProjectStructure
from cycle.page_links import PageLink

from .models import Attachment, Message, Note, Thread, ThreadRead


def _unread(user, levels):
    """Messages of ``levels`` newer than the reader's mark on their thread (not their own)."""
    read = ThreadRead.objects.filter(
        thread=OuterRef("thread"), user=user, read_at__gte=OuterRef("created_at")
    )
    return Message.objects.filter(visibility__in=levels).exclude(author=user).filter(~Exists(read))


def unread_count(user, project, levels) -> int:
    return _unread(user, levels).filter(thread__project=project).count()


def _count(messages):
    counted = messages.values("thread").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def threads(user, project, levels):
    """The IC's threads with a message ``levels`` shows, newest activity first: each with its
    visible message count, unread count and last message's date (one query)."""
    visible = Message.objects.filter(visibility__in=levels, thread=OuterRef("pk"))
    return (
        Thread.objects.filter(project=project)
        .filter(Exists(visible))
        .annotate(
            shown=_count(visible),
            unread=_count(_unread(user, levels).filter(thread=OuterRef("pk"))),
            last_at=Subquery(visible.values("thread").annotate(at=Max("created_at")).values("at")),
        )
        .select_related("created_by")
        .order_by("-last_at", "-pk")
    )


def thread_for(user, project, levels, thread_pk) -> Thread:
    """One thread with its messages ``levels`` shows; 404 if it shows none."""
    first = Message.objects.filter(thread=OuterRef("pk")).order_by("created_at", "pk")
    thread = get_object_or_404(
        Thread.objects.annotate(opening_level=Subquery(first.values("visibility")[:1])),
        project=project, pk=thread_pk,
    )
    messages = list(
        thread.messages.filter(visibility__in=levels)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", Attachment.objects.order_by("pk")))
    )
    if not messages:
        raise Http404
    thread.shown_messages = messages
    return thread


def shown_messages(project, levels):
    """Every message of the IC that ``levels`` shows, with its thread, author and attachments,
    thread by thread, oldest first (the audit bundle's export). Two queries."""
    return (
        Message.objects.filter(thread__project=project, visibility__in=levels)
        .select_related("thread", "author")
        .prefetch_related(Prefetch("attachments", Attachment.objects.order_by("pk")))
        .order_by("thread__created_at", "thread_id", "created_at", "pk")
    )


def exchange_project(user, pk) -> tuple[Project, frozenset]:
    """The IC and the levels ``user`` sees in it; 404 if none (never reveal it exists)."""
    project = get_object_or_404(Project, pk=pk)
    levels = levels_for(user, project)
    if not levels:
        raise Http404
    return project, levels


def attachment_for(user, pk) -> Attachment:
    """An attachment, if ``user`` sees its message; 404 otherwise."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("message__thread__project"), pk=pk
    )
    if attachment.message.visibility not in levels_for(user, attachment.message.thread.project):
        raise Http404
    return attachment


def notes(project):
    return Note.objects.filter(project=project).select_related("author", "participation__structure")


def participations(project):
    return ProjectStructure.objects.filter(project=project).select_related("structure")


def exchange_link(user, project) -> PageLink | None:
    """The IC page's and « Espace structure »'s link to the exchanges, with the unread count.

    The cycle calls it for a person its rules let reach that page, which is the reach of
    their role's audience (``audience.AUDIENCES``): their role's levels, no query for them."""
    levels = role_levels(user)
    if not levels:
        return None
    unread = unread_count(user, project, levels)
    label = _("Échanges et notes") if is_team(levels) else _("Messages")
    return PageLink(
        label=label,
        url=reverse("exchange:project", args=[project.pk]),
        badge=str(unread) if unread else "",
        badge_label=_("non lus"),
        testid="exchange-link",
    )
