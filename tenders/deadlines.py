"""Deadlines: on time up to the stated instant exactly; shown in French, Paris time.

A deadline is set to the minute (« 08:48 »): an offer at 08:48:00 is on time,
one at 08:48:05 is late. The forms and pages say so in these words
(``RULE``): the text and the rule must agree (issue 11).
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RULE = gettext_lazy("Heure de Paris. L'heure indiquée est la limite exacte : une offre déposée "
         "à 08:48:05 pour une limite à 08:48 est refusée.")


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
