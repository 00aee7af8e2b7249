"""The sign-in lock-out page, and password reset throttled so it cannot be abused."""

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.shortcuts import render

from .security import client_ip


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a French page, status 429, how long to wait."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "registration/lockout.html", context, status=429)


def _counted(kind: str, key: str) -> bool:
    """Count one request of ``kind`` for ``key``; False once over its hourly limit."""
    limits = settings.PASSWORD_RESET_LIMITS
    name = f"password-reset:{kind}:{key}"
    cache.add(name, 0, timeout=limits["seconds"])
    try:
        return cache.incr(name) <= limits[kind]
    except ValueError:  # expired between add and incr: a new window
        cache.set(name, 1, timeout=limits["seconds"])
        return True


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, throttled per address (429 past the limit) and per account (no more e-mails,
    the same answer: whether an address has an account is never told)."""

    def form_valid(self, form):
        if not _counted("address", client_ip(self.request) or "?"):
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        if not _counted("account", form.cleaned_data["email"].strip().lower()):
            return super(auth_views.PasswordResetView, self).form_valid(form)  # redirect only
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A reset link signs its owner in, even from an address locked out by someone else's
    failures, and forgives the account's failures."""

    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        AccessAttempt.objects.filter(username=self.user.get_username()).delete()
        return super().form_valid(form)
