"""The project page: header with the cycle, the current checklist, transitions, history."""

import functools
import itertools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dla_ic.inputs import LINE_MAX, without_controls
from workflows import machines as workflow
from workflows.models import TransitionLog

from .. import services
from .. import timeline as timeline_events
from ..exceptions import TransitionConflict, TransitionRefused
from ..forms import ChecklistTickForm, TransitionForm
from ..models import (
    BudgetTranche,
    Committee,
    CommitteeMember,
    Project,
    ProjectPartner,
    ProjectPilot,
    ProjectPrestataire,
    ProjectStructure,
)
from ..selectors import editable_projects, visible_projects
from ..states import OPEN_STATES, State
from ..timeline import Event
from ..vocabulary import (
    PARTICIPATION_TONES,
    CommitteeKind,
    ObjectiveKind,
    ParticipationStatus,
)
from .actor_forms import actor_forms

# Fields a transition changes: their history rows are shown as transitions, not edits.
CYCLE_FIELDS = ("state", "suspended_from", "closing_reason", "created_by", "created_at")
TIMELINE_LIMIT = 100


# The page's tabs, by their ``?onglet=`` name, first shown first. The page renders
# the asked one (Présentation by default) and each other one when it is opened
# (htmx; without JavaScript its tab is a link to the page showing it): the first
# paint reads and renders only what it shows.
TABS = {
    "presentation": gettext_lazy("Présentation"),
    "objectifs": gettext_lazy("Objectifs"),
    "budget": gettext_lazy("Budget"),
    "acteurs": gettext_lazy("Acteurs"),
    "comites": gettext_lazy("Comités"),
    "capitalisation": gettext_lazy("Capitalisation"),
    "historique": gettext_lazy("Historique"),
}
DEFAULT_TAB = "presentation"


def asked_tab(request) -> str:
    tab = request.GET.get("onglet", "")
    return tab if tab in TABS else DEFAULT_TAB


def _tab_data(tab) -> list:
    """The relations one tab shows."""
    committees = Committee.objects.prefetch_related(
        Prefetch(
            "members",
            CommitteeMember.objects.select_related(
                "organisation", "partner", "structure", "prestataire"
            ),
        ),
        "meetings",
    )
    return {
        "presentation": ["departements", "regions", "sectors"],
        "objectifs": ["objectives"],
        "budget": [Prefetch("budget_tranches", BudgetTranche.objects.prefetch_related("funders"))],
        "acteurs": [
            Prefetch("partnerships", ProjectPartner.objects.select_related("partner")),
            Prefetch(
                "participations",
                ProjectStructure.objects.select_related(
                    "structure__sector", "structure__departement"
                ),
            ),
            # Each firm's own intervenants (to tick) are for editors only: see page_context.
            Prefetch(
                "assignments",
                ProjectPrestataire.objects.select_related("prestataire").prefetch_related(
                    "intervenants"
                ),
            ),
        ],
        "comites": [Prefetch("committees", committees)],
        "capitalisation": ["capitalisation_items"],
        "historique": [Prefetch("transition_logs", TransitionLog.objects.select_related("by"))],
    }[tab]


def with_page_data(projects, tab=DEFAULT_TAB):
    """What the page shows with ``tab``, in a number of queries that does not grow with it."""
    # The grille rides along: the cycle's guards read its status.
    return projects.select_related("created_by", "grille").prefetch_related(
        Prefetch(
            "pilotages",
            ProjectPilot.objects.select_related("organisation").order_by(
                "-is_referent", "organisation__name"
            ),
        ),
        *_tab_data(tab),
    )


def visible_project(request, pk, *, tab=DEFAULT_TAB) -> Project:
    """The IC with what its page shows with ``tab`` (None: the IC alone)."""
    projects = visible_projects(request.user)
    return get_object_or_404(with_page_data(projects, tab) if tab else projects, pk=pk)


def editable_project(request, pk) -> Project:
    """The IC if this user may change it; 404 otherwise (never reveal it exists)."""
    return get_object_or_404(editable_projects(request.user), pk=pk)


def current_phase(project) -> str | None:
    if project.state in OPEN_STATES:
        return project.state
    if project.state == State.SUSPENDED:
        return project.suspended_from or None
    return None


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


def timeline(project) -> list[Event]:
    """Transitions, checklist ticks, grille steps and field edits, newest first."""
    logs = list(project.transition_logs.all())
    events = [
        Event(log.at, "transition", title, log.by, log.comment)
        for log, title in zip(logs, _transition_titles(logs), strict=True)
    ]
    ticked = _("Coché : %(item)s")
    for item in project.checklist.filter(done=True, done_at__isnull=False).select_related(
        "done_by"
    ):
        events.append(Event(
            item.done_at, "tick", ticked % {"item": item.label}, item.done_by, item.note,
        ))
    events.extend(timeline_events.registered_events(project))  # the grille's steps
    events.extend(_edits(project))
    events.sort(key=lambda event: event.at, reverse=True)
    return events[:TIMELINE_LIMIT]


def _edits(project) -> list[Event]:
    """The field edits of the IC's history (cycle changes are shown as transitions)."""
    # The newest edits only: older ones could not make the timeline's first rows.
    newest = project.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )[:TIMELINE_LIMIT + 1]
    records = list(newest)[::-1]
    if len(records) < 2:
        return []
    labels = {f.name: str(f.verbose_name) for f in Project._meta.fields}
    edits = []
    for previous, record in itertools.pairwise(records):
        if record.history_type != "~":
            continue
        delta = record.diff_against(previous, excluded_fields=CYCLE_FIELDS)
        if delta.changed_fields:
            changed = ", ".join(labels.get(name, name) for name in sorted(delta.changed_fields))
            edits.append(Event(
                record.history_date, "edit", _("Modifié : %(fields)s") % {"fields": changed},
                record.history_user,
            ))
    return edits


def participation_choices() -> dict:
    """Status labels and badges, and the moves each status offers, worked out once per table
    from the participation's declared states, tones and transitions.

    ``participation_moves``: each status's (target, move label) pairs; ``move_options``:
    each status's <option> list, rendered once rather than per row.
    """
    labels = {value: str(label) for value, label in ParticipationStatus.choices}
    moves = {
        status: [(move.target, str(move.custom["label"]))
                 for move in services.participation_moves(status)]
        for status in labels
    }
    return {
        "participation_statuses": labels,
        "participation_badges": {s: PARTICIPATION_TONES[s] for s in labels},
        "participation_moves": moves,
        "move_options": {
            status: format_html_join("", '<option value="{}">{}</option>', options)
            for status, options in moves.items()
        },
    }


def _tab_context(project, tab) -> dict:
    """What the shown tab needs beyond the IC's loaded rows."""
    if tab == "objectifs":
        objectives = list(project.objectives.all())
        return {
            "operational_objectives": [
                o for o in objectives if o.kind == ObjectiveKind.OPERATIONAL
            ],
            "evaluation_objectives": [o for o in objectives if o.kind == ObjectiveKind.EVALUATION],
        }
    if tab == "budget":
        return {"totals": project.budget_totals()}
    if tab == "acteurs":
        return participation_choices()
    if tab == "comites":
        return {"support_committee": next(
            (c for c in project.committees.all() if c.kind == CommitteeKind.APPUI), None
        )}
    if tab == "historique":
        return {"timeline": timeline(project)}
    return {}


def page_context(request, project, *, tab=DEFAULT_TAB, every_form=(), **extra) -> dict:
    """What the page shows with ``tab`` open (and its sections); ``extra`` (bound forms) wins.

    ``every_form``: the names of the forms to build (a section's URL builds its
    own, see actor_forms); the page builds only those asked for.
    """
    can_edit = request.user.has_perm("cycle.change_project", project)
    phase = current_phase(project)
    context = {
        "project": project,
        "can_edit": can_edit,
        "phase": phase,
        "phase_label": services.state_label(phase) if phase else "",
        # The current phase's items only: the history reads its ticks itself.
        "checklist": list(
            project.checklist.filter(phase=phase).select_related("done_by") if phase else ()
        ),
        # Called by the template where it shows them (the page, not its sections).
        "transitions": (
            functools.partial(services.available_transitions, project) if can_edit else []
        ),
        "tab": tab,
        "tabs": TABS,
        **_tab_context(project, tab),
    }
    if can_edit:
        if tab == "acteurs":  # each firm's intervenants, to tick: editors only
            prefetch_related_objects(list(project.assignments.all()), "prestataire__intervenants")
        context.update(actor_forms(
            project, search=without_controls(request.GET.get("recherche", ""))[:LINE_MAX],
            asked=request.GET.get("formulaire", ""), every=every_form,
        ))
    context.update(extra)
    return context


@require_GET
def project_detail(request, pk):
    """The page, with the asked tab open; to htmx (a tab being opened), that tab alone."""
    tab = asked_tab(request)
    context = page_context(request, visible_project(request, pk, tab=tab), tab=tab)
    alone = request.htmx and "onglet" in request.GET
    template = "cycle/includes/project_tab.html" if alone else "cycle/project_detail.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_POST
def checklist_tick(request, pk, item_pk):
    """Tick or untick one checklist item, with its note; answers the item's partial."""
    project = editable_project(request, pk)
    item = get_object_or_404(project.checklist.select_related("done_by"), pk=item_pk)
    form = ChecklistTickForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            item = services.tick_checklist_item(
                item, by=request.user, done=form.cleaned_data["done"],
                note=form.cleaned_data["note"], version=form.version,
            )
            saved, form = True, None  # the partial shows the saved item and its new version
        except services.ChecklistConflict as conflict:
            item = project.checklist.select_related("done_by").get(pk=item.pk)
            theirs = ChecklistTickForm(initial={"done": item.done, "note": item.note})
            form.resolve_conflict(theirs, item.version, conflict.message)
    if not request.htmx:
        if form is not None and form.conflicts + form.taken:
            messages.error(request, _(
                "Quelqu'un d'autre a modifié « %(label)s » entre-temps (fait : %(done)s, note : "
                "« %(note)s ») : votre saisie (note « %(mine)s ») n'a pas été enregistrée."
            ) % {"label": item.label, "done": _("oui") if item.done else _("non"),
                 "note": item.note, "mine": form.cleaned_data.get("note", "")})
        elif not saved:
            messages.error(request, _("La note est trop longue."))
        return redirect(reverse("cycle:project_detail", args=[project.pk]) + "#liste-controle")
    return render(
        request, "cycle/includes/project_checklist_item.html",
        {"project": project, "item": item, "can_edit": True, "form": form, "saved": saved},
    )


@require_POST
def project_transition(request, pk):
    """Fire one transition of the cycle; the page comes back with what happened."""
    project = editable_project(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Action inconnue."))
    else:
        name = form.cleaned_data["name"]
        try:
            log = services.fire_from(
                project, name, by=request.user, seen_state=form.cleaned_data["state"],
                comment=form.cleaned_data["comment"],
            )
        except TransitionRefused as refused:
            messages.error(
                request,
                _("Transition refusée : %(missing)s") % {"missing": " ".join(refused.missing)},
            )
        except TransitionConflict as conflict:
            messages.warning(request, str(conflict))
        except PermissionDenied as denied:
            messages.error(request, str(denied))
        else:
            messages.success(
                request,
                _("L'IC est passée en « %(state)s ».") % {"state": log.get_target_display()},
            )
    return redirect("cycle:project_detail", pk=project.pk)
