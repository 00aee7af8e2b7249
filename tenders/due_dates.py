"""A call's deadlines as agenda entries, while the call is open and they lie ahead: the
IC's chargés de mission see both (where the call is managed); an invited firm's
intervenants, those of the calls their firm is invited to (where they answer; never
another firm's). Three queries."""

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda import selectors as agenda
from agenda.registry import Task, among
from cycle.due_dates import pilots_by_project, visible_in_cycle

from .models import CallForTender, Invitation
from .rules import firm_id
from .vocabulary import CallState

KIND = "call-deadline"
DEADLINES = (
    ("intent_deadline", _("Date limite pour annoncer une réponse")),
    ("reply_deadline", _("Date limite de dépôt des offres")),
)


def _calls(user):
    calls = CallForTender.objects.filter(state=CallState.OPEN)
    if user is None:
        return calls
    invited = Q(invitations__prestataire_id=firm) if (firm := firm_id(user)) else Q(pk__in=[])
    return calls.filter(Q(project__in=visible_in_cycle(user)) | invited).distinct()


def _invited_by_call(call_ids) -> dict[int, set[int]]:
    rows = Invitation.objects.filter(
        call_id__in=set(call_ids), prestataire__intervenants__user__is_active=True
    ).values_list("call_id", "prestataire__intervenants__user_id")
    owners = defaultdict(set)
    for call_id, user_id in rows:
        owners[call_id].add(user_id)
    return owners


def call_tasks(*, user=None, due_before=None, projects=None):
    if due_before is not None and due_before <= agenda.today():
        return []  # only deadlines ahead are listed: none is overdue (the badges ask that)
    calls = list(among(_calls(user), projects).select_related("project"))
    pilots = pilots_by_project(c.project_id for c in calls)
    invited = _invited_by_call(c.pk for c in calls)
    today = agenda.today()
    tasks = []
    for call in calls:
        for field, label in DEADLINES:
            due_on = timezone.localdate(getattr(call, field))
            if due_on < today or (due_before is not None and due_on >= due_before):
                continue
            tasks += _both(call, field, label, due_on, pilots, invited)
    return tasks


def _both(call, field, label, due_on, pilots, invited) -> list[Task]:
    """The pilots' entry and the invited firms' one (each its own page)."""
    common = {
        "kind": KIND,
        "title": str(label),
        "project_id": call.project_id,
        "project_title": call.project.title,
        "due_on": due_on,
    }
    return [
        Task(
            key=f"{KIND}:{call.pk}:{field}",
            **common,
            url=reverse("tenders:call_manage", kwargs={"project_pk": call.project_id}),
            assignee_ids=pilots.get(call.project_id, ()),
        ),
        Task(
            key=f"{KIND}:{call.pk}:{field}:firms",
            **common,
            url=reverse("tenders:invitation_detail", kwargs={"call_pk": call.pk}),
            assignee_ids=tuple(sorted(invited.get(call.pk, ()))),
        ),
    ]
