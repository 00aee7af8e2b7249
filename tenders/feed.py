"""The calls for tender's lines of the activity feed (cycle.timeline), from tenders/apps.py:
each call's opening and steps (its TransitionLog rows), for whoever sees the call
(tenders.rules): the IC's pilots and admins all of them, an invited firm's intervenants
the steps told to the firms, without the pilots' reasons for their choice."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.rules import is_admin
from cycle.models import Project
from cycle.rules import piloted_q
from cycle.timeline import Event, Kind, Scope
from workflows import machines as workflow
from workflows.models import TransitionLog

from .models import CallForTender
from .rules import firm_id

TENDER = Kind("tender", gettext_lazy("appel d'offres"))
# What the invited firms are told of (tenders.notices); the grids' corrections are not.
TOLD_TO_FIRMS = {"amend", "extend", "open_offers", "sign", "cancel"}
REASONS_TOLD = {"amend", "extend", "cancel"}


def _visible_calls(scope: Scope):
    """The calls of ``scope``'s ICs its reader sees, each marked ``managed`` or not; on the
    reader's own feed, a firm's every call it is invited to (chosen or not)."""
    every = CallForTender.objects.select_related("opened_by")
    calls = every.filter(project__in=scope.projects.values("pk"))
    user = scope.user
    if is_admin(user):
        return [(call, True) for call in calls]
    if (firm := firm_id(user)) is not None:
        invited = (every if scope.whole_reach else calls).filter(invitations__prestataire_id=firm)
        return [(call, False) for call in invited]
    piloted = Project.objects.filter(piloted_q(user)).values("pk")
    return [(call, True) for call in calls.filter(project__in=piloted)]


def offered(scope: Scope) -> bool:
    """The calls' filter: for who may run a call or answer one (tenders.rules)."""
    return bool(scope.levels) and (
        is_admin(scope.user) or firm_id(scope.user) is not None
        or scope.user.role == Role.CHARGE_MISSION
    )


def _link(call, managed) -> str:
    if managed:
        return reverse("tenders:call_manage", kwargs={"project_pk": call.project_id})
    return reverse("tenders:invitation_detail", kwargs={"call_pk": call.pk})


def calls(scope: Scope) -> list[Event]:
    if not scope.levels:  # no audience of any IC (cycle.audiences): no call either
        return []
    seen = {call.pk: (call, managed) for call, managed in _visible_calls(scope)}
    if not seen:
        return []
    opened = _("Appel d'offres lancé")
    events = [
        Event(call.opened_at, TENDER.value, opened, call.opened_by,
              "", call.project_id, _link(call, managed))
        for call, managed in seen.values()
        if scope.since is None or call.opened_at >= scope.since
    ]
    logs = scope.bound(
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(CallForTender), object_id__in=seen
        ).select_related("by"),
        "at",
    )
    actions, step = workflow.labels(CallForTender, "state"), _("Appel d'offres : %(action)s")
    for log in logs:
        call, managed = seen[log.object_id]
        if not managed and log.transition not in TOLD_TO_FIRMS:
            continue
        told = managed or log.transition in REASONS_TOLD
        events.append(Event(
            log.at, TENDER.value, step % {"action": actions.get(log.transition, log.transition)},
            log.by, log.comment if told else "", call.project_id, _link(call, managed),
        ))
    return events
