from django.contrib import messages
from django.utils.translation import gettext as _


def refused(request, error) -> None:
    for message in error.missing:
        messages.error(request, message)


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def saved(request, text=None) -> None:
    messages.success(request, text or _("Enregistré."))
