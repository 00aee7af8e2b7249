"""The project page: header with the cycle, the current checklist, transitions, history.

The views only: what they read comes from cycle.selectors (the IC with its tab's rows,
the page's context), what they change goes through cycle.services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from dla_ic.inputs import LINE_MAX, without_controls

from .. import checklists, page_links, selectors, services
from ..exceptions import TransitionConflict, TransitionRefused
from ..forms import ChecklistTickForm, TransitionForm
from ..models import Project
from ..selectors.project import DEFAULT_TAB, TABS
from .actor_forms import actor_forms

# The event an inline save sends (HX-Trigger) for the page's guidance to refresh itself.
IC_CHANGED = "ic-changed"


def ic_changed(response):
    """``response`` of an inline save that changed the IC: the guidance refreshes."""
    return trigger_client_event(response, IC_CHANGED)


def asked_tab(request) -> str:
    tab = request.GET.get("onglet", "")
    return tab if tab in TABS else DEFAULT_TAB


def visible_project(request, pk, *, tab=DEFAULT_TAB) -> Project:
    """The IC with what its page shows with ``tab`` (None: the IC alone)."""
    return selectors.visible_project(request.user, pk, tab=tab)


def editable_project(request, pk) -> Project:
    """The IC if this user may change it; 404 otherwise (never reveal it exists)."""
    return selectors.editable_project(request.user, pk)


def page_context(request, project, *, tab=DEFAULT_TAB, every_form=(), **extra) -> dict:
    """What the page shows with ``tab`` open (and its sections); ``extra`` (bound forms) wins.

    ``every_form``: the names of the forms to build (a section's URL builds its
    own, see actor_forms); the page builds only those asked for.
    """
    can_edit = request.user.has_perm("cycle.change_project", project)
    context = selectors.page_data(
        project, tab=tab, can_edit=can_edit, user=request.user, kind=request.GET.get("type", "")
    )
    if can_edit:
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
    if not alone:
        context["page_links"] = page_links.links_for(request.user, context["project"])
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
def project_guidance(request, pk):
    """The page's guidance alone (« Faire avancer l'IC » and its road map), as it stands
    now: what the page's guidance fetches again after an inline save (``IC_CHANGED``)."""
    project = selectors.guidance_project(request.user, pk)
    can_edit = request.user.has_perm("cycle.change_project", project)
    return render(request, "cycle/includes/project_guidance.html", {
        "project": project, "can_edit": can_edit, "refreshed": True,
        "transitions": services.available_transitions(project) if can_edit else [],
        "road_map": selectors.road_map(project),
        **(selectors.checklist_data(project) if can_edit else {}),  # what advancing ticks
    })


@require_GET
def project_checklist(request, pk):
    """The checklist of the current sub-phase alone, as it stands now: what the page's
    checklist fetches again after an inline save (``IC_CHANGED``), for the items the app
    answers and the progress to follow the facts."""
    project = selectors.guidance_project(request.user, pk)
    can_edit = request.user.has_perm("cycle.change_project", project)
    return render(request, "cycle/includes/project_checklist.html", {
        "project": project, "can_edit": can_edit, **selectors.checklist_data(project),
    })


def _answered(request, project, item):
    """The refusal of a hand tick on an item the app answers (never stored)."""
    refusal = services.ChecklistAnswered(item).message
    if not request.htmx:
        messages.error(request, refusal)
        return redirect(reverse("cycle:project_detail", args=[project.pk]) + "#liste-controle")
    return render(request, "cycle/includes/project_checklist_item.html", {
        "project": project, "item": checklists.shown(project, [item])[0], "can_edit": True,
        "refusal": refusal,
    })


def _back(request, project) -> str:
    """Where a tick without htmx returns: the page it came from if ours (« Mes tâches »),
    else the IC's checklist."""
    asked = request.POST.get("next", "")
    if asked and url_has_allowed_host_and_scheme(asked, allowed_hosts={request.get_host()}):
        return asked
    return reverse("cycle:project_detail", args=[project.pk]) + "#liste-controle"


@require_POST
def checklist_tick(request, pk, item_pk):
    """Tick or untick one checklist item, with its note; answers the item's partial.
    An item the app answers is refused (its fact ticks it)."""
    project = editable_project(request, pk)
    item = get_object_or_404(project.checklist.select_related("done_by"), pk=item_pk)
    if checklists.answer_for(item.phase, item.code):
        return _answered(request, project, item)
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
        return redirect(_back(request, project))
    response = render(request, "cycle/includes/project_checklist_item.html", {
        "project": project, "item": checklists.shown(project, [item])[0], "can_edit": True,
        "form": form, "saved": saved, "pilots": selectors.pilot_users(project),
    })
    return ic_changed(response) if saved else response


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
                comment=form.cleaned_data["comment"], ticks=form.cleaned_data["ticks"],
            )
        except TransitionRefused as refused:
            messages.error(
                request,
                _("Transition refusée : %(missing)s") % {"missing": " ".join(refused.missing)},
            )
            # Nothing was ticked: the page again, with the boxes the user checked.
            return render(request, "cycle/project_detail.html", page_context(
                request, visible_project(request, pk), ticks_chosen=form.chosen_ticks(),
            ))
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
