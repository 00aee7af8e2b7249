"""Writes: emit a notification, read it, choose one's channels.

Off: nothing is kept, not even in the centre (« Jamais » means never hearing of it).
Immediate: kept in the centre and mailed once, after the commit. Digest: kept in the
centre and grouped in the day's digest (``send_digests``).
"""

import logging

from django.db import transaction
from django.utils import timezone

from . import emails, kinds, selectors
from .kinds import Channel
from .models import Notification, NotificationPreference

logger = logging.getLogger(__name__)


def notify(*, kind, recipients, title, url, key, body="") -> list[int]:
    """Tell ``recipients`` (users) of an event; ``key`` names the event, so emitting it again
    does nothing again. Returns the ids of the rows written now."""
    kind = kinds.get(kind) if isinstance(kind, str) else kind
    users = [u for u in {u.pk: u for u in recipients}.values() if u.is_active]
    channels = selectors.channels_of(users, kind)
    wanted = [u for u in users if channels[u.pk] != Channel.OFF]
    if not wanted:
        return []
    with transaction.atomic():
        known = set(
            Notification.objects.filter(recipient__in=wanted, key=key).values_list(
                "recipient_id", flat=True
            )
        )
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=u,
                    kind=kind.code,
                    channel=channels[u.pk],
                    title=str(title)[:300],
                    body=str(body),
                    url=url,
                    key=key,
                )
                for u in wanted
                if u.pk not in known
            ],
            ignore_conflicts=True,  # a concurrent emission of the same event
        )
        new = list(
            Notification.objects.filter(recipient__in=wanted, key=key)
            .exclude(recipient_id__in=known)
            .values_list("pk", "channel")
        )
        immediate = [pk for pk, channel in new if channel == Channel.IMMEDIATE]
        if immediate:
            transaction.on_commit(lambda: mail_immediate(immediate))
    return [pk for pk, _channel in new]


def mail_immediate(ids) -> None:
    """One e-mail per notification, claimed (and the claim committed) before it is sent: a
    second run, a second worker or a re-run after a crash finds it claimed and sends nothing
    again. A send that fails gives the claim back, for the next sweep."""
    for pk in ids:
        claimed = Notification.objects.filter(
            pk=pk, emailed_at=None, channel=Channel.IMMEDIATE
        ).update(emailed_at=timezone.now())
        if not claimed:
            continue
        try:
            notification = Notification.objects.select_related("recipient").get(pk=pk)
            if notification.recipient.email:
                emails.send_one(notification)
        except Exception:  # the notification stays in the centre; the next sweep retries
            Notification.objects.filter(pk=pk).update(emailed_at=None)
            logger.exception("Notification %s: e-mail not sent", pk)


def mail_pending_immediate(*, older_than) -> int:
    """Retry the immediate e-mails a failure left unsent (run by ``send_digests``)."""
    ids = list(
        Notification.objects.filter(
            channel=Channel.IMMEDIATE,
            emailed_at=None,
            created_at__lte=older_than,
        ).values_list("pk", flat=True)
    )
    mail_immediate(ids)
    return len(ids)


def mark_read(*, user, ids) -> int:
    return Notification.objects.filter(recipient=user, pk__in=ids, read_at=None).update(
        read_at=timezone.now()
    )


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def set_preferences(*, user, channels: dict[str, str]) -> None:
    """``channels``: kind code → channel. A choice equal to the role's default is not kept,
    so a default changed later reaches the person."""
    for code, channel in channels.items():
        kind = kinds.get(code)
        channel = Channel(channel)
        if channel == kind.default_for(user.role):
            NotificationPreference.objects.filter(user=user, kind=code).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=user, kind=code, defaults={"channel": channel}
            )
