"""What a call for tender tells its pilots (notifications): an offer received (the firm
unnamed: offers stay sealed until opened), the reply deadline passed."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from cycle.notices import pilots_audience
from notifications.kinds import Channel, Kind
from notifications.services import notify

from .deadlines import in_french, passed
from .models import CallForTender
from .vocabulary import CallState, InvitationStatus

CM, C2RA, ADMIN = Role.CHARGE_MISSION, Role.C2RA, Role.ADMIN

OFFER_RECEIVED = Kind(
    "offer_received",
    _("Une offre est déposée"),
    _("Un prestataire dépose ou modifie son offre à l'appel d'offres d'une IC que vous pilotez."),
    {CM: Channel.DIGEST, C2RA: Channel.DIGEST, ADMIN: Channel.OFF},
)
CALL_DEADLINE_PASSED = Kind(
    "call_deadline_passed",
    _("La date limite d'un appel d'offres est passée"),
    _("Les offres d'un appel d'offres que vous pilotez peuvent être ouvertes."),
    {CM: Channel.IMMEDIATE, C2RA: Channel.DIGEST, ADMIN: Channel.OFF},
)
KINDS = (OFFER_RECEIVED, CALL_DEADLINE_PASSED)


def _manage_url(call) -> str:
    return reverse("tenders:call_manage", kwargs={"project_pk": call.project_id})


def tell_offer(sender, *, instance, log, **kwargs) -> None:
    """An invitation's ``submit``: each version of an offer is one event."""
    if log.transition != "submit":
        return
    call = CallForTender.objects.select_related("project").get(pk=instance.call_id)
    notify(
        kind=OFFER_RECEIVED,
        recipients=pilots_audience(call.project, besides=log.by),
        title=_("Offre reçue : %(title)s") % {"title": call.project.title},
        body=_(
            "Une offre vient d'être déposée. Les offres restent scellées jusqu'à la date "
            "limite : %(deadline)s."
        )
        % {"deadline": in_french(call.reply_deadline)},
        url=_manage_url(call),
        key=f"offer-received:{log.pk}",
    )


def tell_deadline_passed(call, *, now=None) -> list[int]:
    """Once a call's reply deadline has passed, its pilots hear it once (a deadline moved
    later is another event). For the scheduled job: run it as often as wanted."""
    if call.state != CallState.OPEN or not passed(call.reply_deadline, now):
        return []
    offers = call.invitations.filter(status=InvitationStatus.SUBMITTED).count()
    return notify(
        kind=CALL_DEADLINE_PASSED,
        recipients=pilots_audience(call.project),
        title=_("Date limite passée : %(title)s") % {"title": call.project.title},
        body=_(
            "La date limite de dépôt (%(deadline)s) est passée : %(count)s offre(s) reçue(s). "
            "Vous pouvez ouvrir les offres."
        )
        % {"deadline": in_french(call.reply_deadline), "count": offers},
        url=_manage_url(call),
        key=f"call-deadline:{call.pk}:{call.reply_deadline.isoformat()}",
    )


def tell_deadlines_passed(*, now=None) -> int:
    """Every open call whose deadline has passed (the scheduled job's entry point)."""
    now = now or timezone.now()
    calls = CallForTender.objects.filter(state=CallState.OPEN, reply_deadline__lt=now)
    return sum(len(tell_deadline_passed(call, now=now)) for call in calls.select_related("project"))
