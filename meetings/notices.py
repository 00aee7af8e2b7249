"""What the sessions tell: the reminder the day before, to whoever takes part."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from agenda import selectors as agenda
from notifications.kinds import Channel, Kind
from notifications.services import notify

from . import mailing, selectors

IMMEDIATE, DIGEST = Channel.IMMEDIATE, Channel.DIGEST

MEETING_TOMORROW = Kind(
    "meeting_tomorrow",
    gettext_lazy("Une séance a lieu demain"),
    gettext_lazy("La veille d'une séance d'une IC où vous êtes attendu ou que vous pilotez."),
    {Role.STRUCTURE: IMMEDIATE, Role.INTERVENANT: IMMEDIATE, Role.CHARGE_MISSION: IMMEDIATE},
    fallback=DIGEST,
)
KINDS = (MEETING_TOMORROW,)


def remind_tomorrow(*, now=None) -> int:
    """Tell tomorrow's sessions' people; the key (session and day) makes a re-run silent."""
    tomorrow = agenda.today() + timedelta(days=1)
    sent = 0
    users = get_user_model().objects.in_bulk
    for meeting, people in selectors.people_of_meetings_on(tomorrow).items():
        recipients = list(users(people).values())
        sent += len(
            notify(
                kind=MEETING_TOMORROW,
                recipients=recipients,
                title=_("Demain, %(start)s : séance « %(title)s »")
                % {"start": formats.time_format(meeting.starts_at, "H\\hi"),
                   "title": meeting.title},
                body=_("IC « %(project)s ». %(where)s")
                % {"project": meeting.project.title, "where": selectors.where(meeting)},
                url=reverse("meetings:detail", args=[meeting.pk]),
                key=f"meeting-tomorrow:{meeting.pk}:{meeting.held_on.isoformat()}",
            )
        )
    return sent


def send_pending_updates(*, now=None) -> int:
    """The changes and cancellations not yet mailed (a queued task lost, or no worker)."""
    return sum(mailing.send_updates(meeting=m) for m in selectors.meetings_to_update())
