"""Deadlines: on time up to and including the stated minute; shown in French, Paris time."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def on_time(deadline, now=None) -> bool:
    return (now or timezone.now()) <= deadline


def passed(deadline, now=None) -> bool:
    return not on_time(deadline, now)


def in_french(moment) -> str:
    """« 15 décembre 2026 à 12:00 (heure de Paris) », whatever the aware datetime's zone."""
    local = timezone.localtime(moment)
    return _("%(date)s à %(time)s (heure de Paris)") % {
        "date": formats.date_format(local, "j F Y"),
        "time": formats.time_format(local, "H:i"),
    }
