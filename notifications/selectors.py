"""Reads: a person's channels, their unread count, their list."""

from django.db.models import Case, Value, When

from . import kinds
from .models import Notification, NotificationPreference


def channels_of(users, kind: kinds.Kind) -> dict[int, str]:
    """Each user's channel for ``kind`` (their choice, else their role's default): one query."""
    chosen = dict(
        NotificationPreference.objects.filter(user__in=users, kind=kind.code).values_list(
            "user_id", "channel"
        )
    )
    return {user.pk: chosen.get(user.pk, kind.default_for(user.role)) for user in users}


def preferences_of(user) -> list[dict]:
    """One row per registered kind: the kind, the user's channel and their role's default."""
    chosen = dict(user.notification_preferences.values_list("kind", "channel"))
    return [
        {
            "kind": kind,
            "default": kind.default_for(user.role),
            "channel": chosen.get(kind.code, kind.default_for(user.role)),
        }
        for kind in kinds.all_kinds()
    ]


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).count()


def inbox(user):
    """Unread first, then the latest."""
    unread = Case(When(read_at=None, then=Value(1)), default=Value(0))
    return (
        Notification.objects.filter(recipient=user)
        .alias(unread=unread)
        .order_by("-unread", "-created_at", "-pk")
    )
