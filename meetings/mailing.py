"""The sessions' e-mails to the invited structures: the invitation, then a change or the
cancellation, each with the session's .ics; each sent once (claimed as it is sent)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ics, selectors
from .models import Invitation


def _mail(invitation, people, *, subject, template, html=False) -> EmailMultiAlternatives:
    """``template``.txt (and .html if ``html``) with the session's .ics attached."""
    meeting = invitation.meeting
    context = {
        "meeting": meeting, "invitation": invitation, "where": selectors.where(meeting),
        "url": settings.SITE_URL.rstrip("/") + reverse("meetings:detail", args=[meeting.pk]),
    }
    mail = EmailMultiAlternatives(
        subject=subject % {"title": meeting.title, "day": meeting.held_on.strftime("%d/%m/%Y")},
        body=render_to_string(f"{template}.txt", context),
        to=[person.email for person in people],
    )
    if html:
        mail.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    mail.attach("seance.ics", ics.calendar_bytes(meeting),
                f"text/calendar; method={ics.method(meeting)}")
    return mail


def _invitation_mail(invitation, people) -> EmailMultiAlternatives:
    return _mail(invitation, people, subject=_("Invitation : %(title)s, le %(day)s"),
                 template="meetings/invitation_email")


def _update_mail(invitation, people) -> EmailMultiAlternatives:
    subject = (_("Séance annulée : %(title)s, le %(day)s") if invitation.meeting.cancelled
               else _("Séance modifiée : %(title)s, le %(day)s"))
    return _mail(invitation, people, subject=subject, template="meetings/update_email",
                 html=True)


def send_invitations(*, meeting) -> int:
    """E-mail each invited structure not yet told (its representatives, the .ics attached);
    the invitation is marked sent in the same transaction as it is claimed, so a run again
    sends nothing again. Returns the e-mails sent."""
    if meeting.cancelled:
        return 0
    sent = 0
    for invitation in selectors.unsent_invitations(meeting):
        people = selectors.recipients_of(invitation)
        if not people:
            continue  # no representative yet: told once one has an account
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
                sent_at=timezone.now(), mailed_version=meeting.version
            )
            if not claimed:
                continue
            invitation.meeting = meeting
            _invitation_mail(invitation, people).send()
        sent += 1
    return sent


def send_updates(*, meeting) -> int:
    """E-mail each structure already invited the session's change or cancellation, the
    updated .ics attached (same UID, a higher SEQUENCE). The version mailed is recorded
    as the invitation is claimed: a run again, or a concurrent one, sends nothing again.
    Returns the e-mails sent."""
    sent = 0
    for invitation in selectors.invitations_to_update(meeting).select_related("structure"):
        people = selectors.recipients_of(invitation)
        if not people:
            continue
        with transaction.atomic():
            claimed = selectors.invitations_to_update(meeting).filter(
                pk=invitation.pk
            ).update(mailed_version=meeting.version)
            if not claimed:
                continue
            invitation.meeting = meeting
            _update_mail(invitation, people).send()
        sent += 1
    return sent
