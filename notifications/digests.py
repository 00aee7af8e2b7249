"""The daily digest: one e-mail a day at most per person, grouping their digest-channel
notifications not yet sent in one.

Each person's digest is one transaction: the day is recorded, the rows are marked, the
mail is sent; a failed send rolls all three back, so a re-run sends it then, and never
again what a previous run already sent.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import emails
from .kinds import Channel
from .models import DigestSent, Notification

logger = logging.getLogger(__name__)


def pending(user_ids=None):
    rows = Notification.objects.filter(channel=Channel.DIGEST, digested_at=None)
    return rows.filter(recipient_id__in=user_ids) if user_ids is not None else rows


def send_digests(*, now=None) -> tuple[int, int]:
    """(digests sent, digests that failed)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    done = set(DigestSent.objects.filter(day=day).values_list("user_id", flat=True))
    user_ids = sorted(set(pending().values_list("recipient_id", flat=True)) - done)
    sent = failed = 0
    for user_id in user_ids:
        try:
            sent += _send_one(user_id, day=day, now=now)
        except Exception:
            failed += 1
            logger.exception("Digest of user %s not sent", user_id)
    return sent, failed


def _send_one(user_id, *, day, now) -> int:
    with transaction.atomic():
        rows = list(
            pending([user_id])
            .select_for_update()
            .select_related("recipient")
            .order_by("created_at", "pk")
        )
        if not rows or not rows[0].recipient.is_active:
            return 0
        try:
            with transaction.atomic():
                DigestSent.objects.create(user_id=user_id, day=day, sent_at=now, count=len(rows))
        except IntegrityError:  # another run sent today's
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(digested_at=now)
        user = rows[0].recipient
        if user.email:
            emails.send_digest(user, rows)
        return 1
