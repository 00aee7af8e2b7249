"""The project page: header with the cycle, the current checklist, transitions, history."""

import itertools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grille.selectors import project_grille_logs
from grille.services import TRANSITIONS as GRILLE_TRANSITIONS

from .. import services
from ..exceptions import TransitionConflict, TransitionRefused
from ..forms import ChecklistTickForm, TransitionForm
from ..models import (
    BudgetTranche,
    ChecklistItem,
    Committee,
    CommitteeMember,
    Project,
    ProjectPartner,
    ProjectPilot,
    ProjectPrestataire,
    ProjectStructure,
    TransitionLog,
)
from ..selectors import editable_projects, visible_projects
from ..states import OPEN_STATES, State
from ..vocabulary import CommitteeKind, ObjectiveKind

# Fields a transition changes: their history rows are shown as transitions, not edits.
CYCLE_FIELDS = ("state", "suspended_from", "closing_reason", "created_by", "created_at")
TIMELINE_LIMIT = 100


def with_page_data(projects):
    """Everything the page shows, in a number of queries that does not grow with it."""
    return projects.select_related("created_by").prefetch_related(
        Prefetch(
            "pilotages",
            ProjectPilot.objects.select_related("organisation").order_by(
                "-is_referent", "organisation__name"
            ),
        ),
        "departements",
        "regions",
        "sectors",
        "objectives",
        Prefetch("budget_tranches", BudgetTranche.objects.prefetch_related("funders")),
        Prefetch("partnerships", ProjectPartner.objects.select_related("partner")),
        Prefetch(
            "participations",
            ProjectStructure.objects.select_related("structure__sector", "structure__departement"),
        ),
        Prefetch(
            "assignments",
            ProjectPrestataire.objects.select_related("prestataire").prefetch_related(
                "intervenants", "prestataire__intervenants"
            ),
        ),
        Prefetch(
            "committees",
            Committee.objects.prefetch_related(
                Prefetch(
                    "members",
                    CommitteeMember.objects.select_related(
                        "organisation", "partner", "structure", "prestataire"
                    ),
                ),
                "meetings",
            ),
        ),
        "capitalisation_items",
        Prefetch("checklist", ChecklistItem.objects.select_related("done_by")),
        Prefetch("transition_logs", TransitionLog.objects.select_related("by")),
    )


def visible_project(request, pk, *, page_data=True) -> Project:
    projects = visible_projects(request.user)
    return get_object_or_404(with_page_data(projects) if page_data else projects, pk=pk)


def editable_project(request, pk, *, page_data=False) -> Project:
    """The IC if this user may change it; 404 otherwise (never reveal it exists)."""
    projects = editable_projects(request.user)
    return get_object_or_404(with_page_data(projects) if page_data else projects, pk=pk)


def current_phase(project) -> str | None:
    if project.state in OPEN_STATES:
        return project.state
    if project.state == State.SUSPENDED:
        return project.suspended_from or None
    return None


@dataclass
class Event:
    at: datetime
    kind: str  # transition, tick, edit
    title: str
    by: object = None
    comment: str = ""


def timeline(project) -> list[Event]:
    """Transitions, checklist ticks, grille steps and field edits, newest first."""
    events = []
    for log in project.transition_logs.all():
        if log.transition == services.CREATION:
            title = _("Création de l'IC, en « %(target)s »") % {"target": log.get_target_display()}
        else:
            title = _("%(action)s : « %(source)s » → « %(target)s »") % {
                "action": services.TRANSITIONS.get(log.transition, log.transition),
                "source": log.get_source_display(),
                "target": log.get_target_display(),
            }
        events.append(Event(log.at, "transition", title, log.by, log.comment))
    for item in project.checklist.all():
        if item.done and item.done_at:
            events.append(Event(
                item.done_at, "tick", _("Coché : %(item)s") % {"item": item.label},
                item.done_by, item.note,
            ))
    for log in project_grille_logs(project):
        action = GRILLE_TRANSITIONS.get(log.transition, log.transition)
        events.append(Event(
            log.at, "grille", _("Grille d'enquête : %(action)s") % {"action": action},
            log.by, log.comment,
        ))
    records = list(
        project.history.select_related("history_user").order_by("history_date", "history_id")
    )
    labels = {f.name: str(f.verbose_name) for f in Project._meta.fields}
    for previous, record in itertools.pairwise(records):
        if record.history_type != "~":
            continue
        delta = record.diff_against(previous, excluded_fields=CYCLE_FIELDS)
        if delta.changed_fields:
            changed = ", ".join(labels.get(name, name) for name in sorted(delta.changed_fields))
            events.append(Event(
                record.history_date, "edit", _("Modifié : %(fields)s") % {"fields": changed},
                record.history_user,
            ))
    events.sort(key=lambda event: event.at, reverse=True)
    return events[:TIMELINE_LIMIT]


def budget_totals(project) -> dict:
    tranches = list(project.budget_tranches.all())
    return {
        "amount": sum((t.amount for t in tranches), Decimal("0")),
        "days": sum((t.days for t in tranches), Decimal("0")),
    }


def page_context(request, project, **extra) -> dict:
    can_edit = request.user.has_perm("cycle.change_project", project)
    phase = current_phase(project)
    objectives = list(project.objectives.all())
    context = {
        "project": project,
        "can_edit": can_edit,
        "phase": phase,
        "phase_label": services.state_label(phase) if phase else "",
        "checklist": [item for item in project.checklist.all() if item.phase == phase],
        "transitions": services.available_transitions(project) if can_edit else [],
        "timeline": timeline(project),
        "totals": budget_totals(project),
        "operational_objectives": [o for o in objectives if o.kind == ObjectiveKind.OPERATIONAL],
        "evaluation_objectives": [o for o in objectives if o.kind == ObjectiveKind.EVALUATION],
        "support_committee": next(
            (c for c in project.committees.all() if c.kind == CommitteeKind.APPUI), None
        ),
    }
    if can_edit:
        from .project_actors import actor_forms

        context.update(actor_forms(project, request.GET.get("recherche", "")))
    context.update(extra)
    return context


@require_GET
def project_detail(request, pk):
    project = visible_project(request, pk)
    return render(request, "cycle/project_detail.html", page_context(request, project))


@require_POST
def checklist_tick(request, pk, item_pk):
    """Tick or untick one checklist item, with its note; answers the item's partial."""
    project = editable_project(request, pk)
    item = get_object_or_404(project.checklist.select_related("done_by"), pk=item_pk)
    form = ChecklistTickForm(request.POST)
    saved = False
    if form.is_valid():
        item = services.tick_checklist_item(
            item, by=request.user, done=form.cleaned_data["done"], note=form.cleaned_data["note"]
        )
        saved = True
    if not request.htmx:
        if not saved:
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
