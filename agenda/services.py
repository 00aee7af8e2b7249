"""The calendar feed's token: issued (the clear token is shown once), revoked."""

import hashlib
import secrets

from django.db import transaction

from .models import CalendarToken


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_calendar_token(*, user) -> str:
    """A new token for ``user`` (the previous one stops working); returns it in clear."""
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(user=user, defaults={"digest": digest(token)})
    return token


@transaction.atomic
def revoke_calendar_token(*, user) -> None:
    CalendarToken.objects.filter(user=user).delete()
