"""What the follow-up tells: a questionnaire still unanswered 30 days after its due date goes
to the IC's pilot team (the owners already had the agenda's reminders before and on the day).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from agenda import selectors as agenda
from cycle.notices import pilots_audience
from notifications.kinds import Channel, Kind
from notifications.services import notify

from .models import Questionnaire

ESCALATE_AFTER_DAYS = 30

FOLLOWUP_UNANSWERED = Kind(
    "followup_unanswered",
    _("Un questionnaire de suivi reste sans réponse"),
    _("Une structure d'une IC que vous pilotez n'a pas répondu à son questionnaire de suivi "
      "30 jours après l'échéance."),
    {Role.CHARGE_MISSION: Channel.IMMEDIATE, Role.C2RA: Channel.DIGEST, Role.ADMIN: Channel.OFF},
)
KINDS = (FOLLOWUP_UNANSWERED,)


def escalate_unanswered(*, now=None) -> int:
    """The scheduled run's sweep: once per questionnaire and due date, run it as often as
    wanted (the notification's key)."""
    limit = agenda.today() - timedelta(days=ESCALATE_AFTER_DAYS)
    late = Questionnaire.objects.filter(answered_at__isnull=True, due_on__lte=limit)
    sent = 0
    for q in late.select_related("participation__structure", "participation__project"):
        project = q.participation.project
        sent += len(notify(
            kind=FOLLOWUP_UNANSWERED,
            recipients=pilots_audience(project),
            title=_("Sans réponse depuis le %(day)s : questionnaire %(year)s de %(structure)s")
            % {"day": formats.date_format(q.due_on, "j F Y"), "year": q.short_year,
               "structure": q.participation.structure.name},
            body=_("IC « %(project)s ». Vous pouvez le remplir avec la structure par "
                   "téléphone.") % {"project": project.title},
            url=reverse("followup:answer", args=[q.pk]),
            key=f"followup-unanswered:{q.pk}:{q.due_on.isoformat()}",
        ))
    return sent
