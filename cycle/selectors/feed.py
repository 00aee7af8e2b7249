"""The activity feed: one IC's (its « Historique » tab, its « Espace structure ») or one
user's (« Activité », every IC they may see), merged from the sources of ``cycle.timeline``.

Each source reads its lines in one or two queries and the feed one more for the ICs' titles:
the feed's query count does not grow with its length.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import is_admin
from workflows import machines as workflow
from workflows.models import TransitionLog

from .. import services, timeline
from ..audiences import AUDIENCES, role_levels
from ..models import ChecklistItem, Project
from ..states import State
from ..timeline import Event, Kind, Scope

TRANSITION = Kind("transition", gettext_lazy("cycle"))
TICK = Kind("tick", gettext_lazy("liste de contrôle"))
EDIT = Kind("edit", gettext_lazy("modification"))

# Fields a transition changes: their history rows are shown as transitions, not edits.
CYCLE_FIELDS = ("state", "suspended_from", "closing_reason", "created_by", "created_at")
TIMELINE_LIMIT = 100  # the IC's « Historique » tab
FEED_LIMIT = 300  # « Activité »: its newest lines, paginated
PER_PAGE = 30


# --- who reads what


def reached_projects(user):
    """The ICs ``user``'s role reaches (its audience in ``cycle.audiences``): the page's
    ICs for the team and the chosen firm, the « Espace structure »'s for a structure."""
    if not role_levels(user):
        return Project.objects.none()
    if is_admin(user):
        return Project.objects.all()
    reach, _levels = AUDIENCES[user.role]
    return Project.objects.filter(pk__in=Project.objects.filter(reach(user)).values("pk"))


def project_scope(user, project, *, limit=TIMELINE_LIMIT, since=None) -> Scope:
    """One IC the caller already let ``user`` reach (its page, its « Espace structure »)."""
    return Scope(
        user, Project.objects.filter(pk=project.pk), role_levels(user), since=since, limit=limit
    )


def user_scope(user, *, limit=FEED_LIMIT, since=None) -> Scope:
    return Scope(
        user, reached_projects(user), role_levels(user), since=since, limit=limit,
        whole_reach=True,
    )


def asked_kind(value) -> str:
    """A registered kind's value, else "" (every kind)."""
    return value if value in timeline.SOURCES else ""


def feed(scope: Scope, kind: str = "", *, project=None) -> list[Event]:
    """The lines ``scope`` shows (of ``kind`` alone if given), newest first, each with its
    IC (``project``, when the scope is that one IC: no query for it)."""
    events = timeline.read(scope, asked_kind(kind))
    ids = {event.project_id for event in events if event.project_id}
    if project is not None:
        projects = {project.pk: project}
    else:
        projects = Project.objects.in_bulk(ids) if ids else {}
    for event in events:
        event.project = projects.get(event.project_id)
    return events


def kind_choices(scope: Scope, kind: str = "") -> list[dict]:
    """The kind filter's choices offered to ``scope``'s reader, the asked one marked."""
    return [
        {"value": k.value, "label": k.label, "active": k.value == kind}
        for k in timeline.kinds(scope)
    ]


def activity_page(user, *, kind="", page=1) -> dict:
    """« Activité »: the newest lines of every IC ``user`` may see, paginated."""
    kind, scope = asked_kind(kind), user_scope(user)
    page_obj = Paginator(feed(scope, kind), PER_PAGE).get_page(page)
    return {
        "events": page_obj.object_list, "page_obj": page_obj, "kind": kind,
        "kinds": kind_choices(scope, kind), "feed_limit": FEED_LIMIT,
    }


# --- the cycle's own sources


def _links(scope: Scope):
    """The IC's page for those who read it; nothing for a structure (its space is this)."""
    if not scope.page_readers:
        return lambda pk: ""
    return lambda pk: reverse("cycle:project_detail", args=[pk]) + "?onglet=historique"


def _transition_titles(logs) -> list[str]:
    # Labels translated once for all the logs: get_FOO_display() would translate
    # every choice of the field at each call.
    states = {value: str(label) for value, label in State.choices}
    actions = {name: str(label) for name, label in workflow.labels(Project, "state").items()}
    created, moved = _("Création de l'IC, en « %(target)s »"), _(
        "%(action)s : « %(source)s » → « %(target)s »"
    )
    return [
        created % {"target": states.get(log.target, log.target)}
        if log.transition == services.CREATION
        else moved % {
            "action": actions.get(log.transition, log.transition),
            "source": states.get(log.source, log.source),
            "target": states.get(log.target, log.target),
        }
        for log in logs
    ]


def transitions(scope: Scope) -> list[Event]:
    """The IC's cycle: its page's readers (not the structures)."""
    if not scope.page_readers:
        return []
    logs = list(scope.bound(
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Project),
            object_id__in=scope.projects.values("pk"),
        ).select_related("by"),
        "at",
    ))
    link = _links(scope)
    return [
        Event(log.at, TRANSITION.value, title, log.by, log.comment, log.object_id,
              link(log.object_id))
        for log, title in zip(logs, _transition_titles(logs), strict=True)
    ]


def ticks(scope: Scope) -> list[Event]:
    if not scope.page_readers:
        return []
    items = scope.bound(
        ChecklistItem.objects.filter(
            project__in=scope.projects.values("pk"), done=True, done_at__isnull=False
        ).select_related("done_by"),
        "done_at",
    )
    ticked, link = _("Coché : %(item)s"), _links(scope)
    return [
        Event(item.done_at, TICK.value, ticked % {"item": item.label}, item.done_by, item.note,
              item.project_id, link(item.project_id))
        for item in items
    ]


def edits(scope: Scope) -> list[Event]:
    """The field edits of the ICs' history (cycle changes are shown as transitions).

    The newest records only (older ones could not make the feed's first lines), each
    diffed against its IC's previous record: read in a second query, whatever their number.
    """
    if not scope.page_readers:
        return []
    history = Project.history.model.objects
    previous = history.filter(
        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
    ).order_by("-history_date", "-history_id").values("history_id")[:1]
    records = list(
        history.filter(id__in=scope.projects.values("pk"), history_type="~")
        .filter(**({"history_date__gte": scope.since} if scope.since else {}))
        .annotate(previous_id=Subquery(previous))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: scope.limit]
    )
    before = history.in_bulk([r.previous_id for r in records if r.previous_id])
    labels = {f.name: str(f.verbose_name) for f in Project._meta.fields}
    modified, link = _("Modifié : %(fields)s"), _links(scope)
    events = []
    for record in records:
        if (earlier := before.get(record.previous_id)) is None:
            continue
        delta = record.diff_against(earlier, excluded_fields=CYCLE_FIELDS)
        if delta.changed_fields:
            changed = ", ".join(labels.get(name, name) for name in sorted(delta.changed_fields))
            events.append(Event(
                record.history_date, EDIT.value, modified % {"fields": changed},
                record.history_user, "", record.id, link(record.id),
            ))
    return events


def register_sources() -> None:
    """The cycle's own lines, first of the feed's kinds (from cycle/apps.py)."""
    for kind, read in ((TRANSITION, transitions), (TICK, ticks), (EDIT, edits)):
        timeline.register(kind, read, offered=timeline.page_readers)
