"""Helpers for the security settings: the client's address behind the reverse proxy, the
username a sign-in attempt is counted under."""

from django.conf import settings
from django.contrib.auth import get_user_model


def client_ip(request) -> str | None:
    """The address sign-in attempts are counted against.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (DJANGO_TRUSTED_PROXY_COUNT),
    the client is the entry that many places from the right of X-Forwarded-For
    (the proxies append; anything further left is the client's own claim and
    could be forged). Without a proxy, REMOTE_ADDR.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def attempted_username(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the username typed, cut to the longest an account can have
    (no account has a longer one; the attempts' table would refuse it on PostgreSQL)."""
    field = get_user_model().USERNAME_FIELD
    typed = (credentials or {}).get(field) or request.POST.get(field, "")
    return str(typed)[: get_user_model()._meta.get_field(field).max_length]
