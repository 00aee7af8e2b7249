"""The French e-mails: one per immediate notification, one digest a day."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _


def absolute(url: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url


def _send(subject: str, template: str, context: dict, to: str) -> None:
    context = {
        **context,
        "site_url": settings.SITE_URL,
        "preferences_url": absolute(reverse("notifications:preferences")),
    }
    message = EmailMultiAlternatives(
        subject, render_to_string(f"notifications/emails/{template}.txt", context), None, [to]
    )
    message.attach_alternative(
        render_to_string(f"notifications/emails/{template}.html", context), "text/html"
    )
    message.send()


def send_one(notification) -> None:
    _send(
        notification.title,
        "notification",
        {"notification": notification, "link": absolute(notification.url)},
        notification.recipient.email,
    )


def send_digest(user, notifications) -> None:
    entries = [{"notification": n, "link": absolute(n.url)} for n in notifications]
    subject = _("Votre résumé du jour : %(count)s notification(s)") % {"count": len(entries)}
    _send(subject, "digest", {"user": user, "entries": entries}, user.email)
