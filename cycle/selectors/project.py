"""Read side of one IC's page: the IC with what a tab shows, the tab's context, the history.

The plans (which relations a tab prefetches) are the queryset's, ``Project.objects
.with_page_data(tab)``; the figures read from the rows in hand (référent, objectives by
kind, budget totals, current phase) are the model's. Here: who may see or change the IC,
and what the page and its tabs put in their context.
"""

import functools

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.html import format_html_join

from accounts.models import Role, User

from .. import checklists, guards, services
from ..models import Project
from ..states import FORWARD_STEPS, OPEN_STATES, PHASES, State
from ..timeline import Event
from ..vocabulary import PARTICIPATION_TONES, ObjectiveKind, ParticipationStatus, ProjectTab
from . import feed
from .dashboard import editable_projects, visible_projects

# The page's tabs, by their ``?onglet=`` name, first shown first. The page renders
# the asked one (Présentation by default) and each other one when it is opened
# (htmx; without JavaScript its tab is a link to the page showing it): the first
# paint reads and renders only what it shows.
TABS = dict(ProjectTab.choices)
DEFAULT_TAB = ProjectTab.PRESENTATION.value

TIMELINE_LIMIT = feed.TIMELINE_LIMIT


def visible_project(user, pk, *, tab=DEFAULT_TAB) -> Project:
    """The IC with what its page shows with ``tab`` (None: the IC alone); 404 if hidden."""
    projects = visible_projects(user)
    return get_object_or_404(projects.with_page_data(tab) if tab else projects, pk=pk)


def guidance_project(user, pk) -> Project:
    """The IC as the guidance (its transitions, its road map) reads it: the facts its
    rules check for presence loaded in the same query; 404 if hidden."""
    projects = visible_projects(user).select_related("grille").annotate(
        **guards.presence_flags()
    )
    return get_object_or_404(projects, pk=pk)


def editable_project(user, pk) -> Project:
    """The IC if this user may change it; 404 otherwise (never reveal it exists)."""
    return get_object_or_404(editable_projects(user), pk=pk)


# --- the history


def timeline(project, user, kind="") -> list[Event]:
    """The IC's activity feed as ``user`` may see it (of ``kind`` alone if given)."""
    return feed.feed(feed.project_scope(user, project), kind, project=project)


def history_context(project, user, kind="") -> dict:
    """The « Historique » tab: the IC's feed and its kind filter."""
    kind = feed.asked_kind(kind)
    if user is None:
        return {"timeline": [], "kind": kind, "kinds": []}
    scope = feed.project_scope(user, project)
    return {
        "timeline": feed.feed(scope, kind, project=project),
        "kind": kind, "kinds": feed.kind_choices(scope, kind),
    }


# --- the road map


def road_map(project) -> list[dict]:
    """The road ahead of an IC in its cycle: each step from its current sub-phase to its
    closing, with what the guard of that step asks (the rules of ``cycle.guards``) and
    whether it is already met. Empty for an IC out of the cycle (suspended, closed,
    abandoned): the page says why.

    Each rule is asked once per step, in a number of queries that does not grow with
    the IC (load it with ``guards.presence_flags``: see ``guidance_project``).
    """
    if project.state not in OPEN_STATES:
        return []
    labels = {value: str(label) for value, label in State.choices}
    steps = FORWARD_STEPS[PHASES.index(project.state):]
    road = []
    for source, target in steps:
        lines = [
            {"message": message, "met": met} for message, met in guards.lines_for(project, target)
        ]
        road.append({
            "source": labels[source], "target": labels[target], "lines": lines,
            "met": all(line["met"] for line in lines), "next": source == project.state,
        })
    return road


# --- the tabs




def participation_choices() -> dict:
    """Status labels and badges, and the moves each status offers, worked out once per table
    from the participation's declared states, tones and transitions.

    ``participation_moves``: each status's (target, move label) pairs; ``move_options``:
    each status's <option> list, rendered once rather than per row; ``participation_targets``:
    the statuses a move leads to (the bulk action's choices).
    """
    labels = {value: str(label) for value, label in ParticipationStatus.choices}
    moves = {
        status: [(move.target, str(move.custom["label"]))
                 for move in services.participation_moves(status)]
        for status in labels
    }
    return {
        "participation_statuses": labels,
        "committed": ParticipationStatus.COMMITTED,
        "participation_badges": {s: PARTICIPATION_TONES[s] for s in labels},
        "participation_moves": moves,
        "participation_targets": services.participation_targets(),
        "move_options": {
            status: format_html_join("", '<option value="{}">{}</option>', options)
            for status, options in moves.items()
        },
    }


def tab_context(project, tab, *, user=None, kind="") -> dict:
    """What the shown tab needs beyond the IC's loaded rows."""
    if tab == ProjectTab.OBJECTIVES:
        objectives = project.objectives_by_kind()
        return {
            "operational_objectives": objectives[ObjectiveKind.OPERATIONAL],
            "evaluation_objectives": objectives[ObjectiveKind.EVALUATION],
        }
    if tab == ProjectTab.BUDGET:
        return {"totals": project.budget_totals()}
    if tab == ProjectTab.ACTORS:
        return participation_choices()
    if tab == ProjectTab.COMMITTEES:
        return {"support_committee": project.support_committee}
    if tab == ProjectTab.HISTORY:
        return history_context(project, user, kind)
    return {}


def page_data(project, *, tab=DEFAULT_TAB, can_edit=False, user=None, kind="") -> dict:
    """What the page reads with ``tab`` open: the cycle's header, the checklist, the tab."""
    if can_edit and tab == ProjectTab.ACTORS:  # each firm's intervenants, to tick: editors only
        prefetch_related_objects(list(project.assignments.all()), "prestataire__intervenants")
    return {
        "project": project,
        "can_edit": can_edit,
        **checklist_data(project),
        # Called by the template where it shows them (the page, not its sections).
        "transitions": (
            functools.partial(services.available_transitions, project) if can_edit else []
        ),
        "tab": tab,
        "tabs": TABS,
        **tab_context(project, tab, user=user, kind=kind),
    }


def checklist_data(project) -> dict:
    """The checklist of the IC's current sub-phase as shown (items the app answers
    included), with its progress. The current phase's items only: the history reads its
    ticks itself. Load the IC with its presence flags (``with_page_data``,
    ``guidance_project``): the answered items read them."""
    phase = project.current_phase
    items = checklists.shown(
        project,
        project.checklist.filter(phase=phase).select_related("done_by", "assignee")
        if phase else (),
    )
    done, total = checklists.progress(items)
    return {
        "phase": phase,
        "phase_label": services.state_label(phase) if phase else "",
        "checklist": items,
        "checklist_done": done,
        "checklist_total": total,
        "checklist_to_tick": checklists.left_to_tick(items),
        "pilots": pilot_users(project),  # whom an item may be given to (read if shown)
    }


def pilot_users(project: Project):
    """The chargés de mission who drive the IC: the active members of its piloting DLA or
    C2RA (whom a step of the IC's work is told to)."""
    return User.objects.filter(
        is_active=True, role=Role.CHARGE_MISSION,
        organisation__pilotages__project=project,
    ).distinct()
