"""The sign-in lock-out page, password reset throttled so it cannot be abused, and the page
where an invitee creates their account."""

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from . import services
from .forms import AcceptInvitationForm
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


@method_decorator(login_not_required, name="dispatch")
class AcceptInvitationView(FormView):
    """The invitee's page: a used, revoked or expired link says so (410) and who to ask; an
    unknown one (mistyped, or replaced by a re-sent link) is a 404 saying the same; a valid
    one creates the account and signs it in."""

    template_name = "accounts/accept_invitation.html"
    form_class = AcceptInvitationForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = services.find_invitation(kwargs["token"])
        if self.invitation is None:
            return self.refuse(status=404)
        if not self.invitation.is_usable(timezone.now()):
            return self.refuse()
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, status=410):
        return render(
            self.request, "accounts/invitation_invalid.html",
            {"invitation": self.invitation, "title": _("Invitation plus valable")},
            status=status,
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "invitation": self.invitation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            invitation=self.invitation,
            team=(
                self.invitation.organisation or self.invitation.prestataire
                or self.invitation.structure
            ),
            title=_("Créer votre compte"),
        )
        return context

    def form_valid(self, form):
        try:
            user = services.accept(
                token=self.kwargs["token"], first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            self.invitation.refresh_from_db()
            if not self.invitation.is_usable(timezone.now()):
                return self.refuse()  # used by a twin request meanwhile
            form.add_error(None, error.messages)  # an account with this address, meanwhile
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            _("Bienvenue %(name)s : votre compte est créé, votre identifiant est %(email)s.")
            % {"name": user.first_name, "email": user.username},
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
