"""The phases of the projet d'intervention, edited in place on the IC's page (htmx).

Declared once here, they are proposed to the firms' offers and to the grille's part 2
(issue 21). One URL: GET answers the section (with ``?formulaire=phase``, its add form),
POST adds (``action=add``) or removes (``action=remove``, ``row``) a phase and answers
the section again, what was typed kept when it is refused.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dla_ic.inputs import safe_id

from .. import services
from ..forms import PlannedPhaseForm
from ..vocabulary import ProjectTab
from .project_page import editable_project, ic_changed, page_context, visible_project

FORM_NAME = "phase"
TAB = ProjectTab.PRESENTATION.value
ANCHOR = "phases-prevues"


@require_http_methods(["GET", "POST"])
def project_phases(request, pk):
    refused = ""
    if request.method == "POST":
        project = editable_project(request, pk)
        try:
            form, done = _change(request, project)
        except ValidationError as error:  # a phase still pointed at: said in the section
            form, done, refused = None, False, " ".join(error.messages)
    else:
        project = visible_project(request, pk, tab=TAB)
        form, done = None, False
    if request.method == "POST" and not request.htmx and form is None and not refused:
        return redirect(f"{reverse('cycle:project_detail', args=[project.pk])}#{ANCHOR}")
    if request.method == "POST":  # the section as it now stands
        project = visible_project(request, pk, tab=TAB)
    can_edit = request.user.has_perm("cycle.change_project", project)
    if can_edit and form is None and (done or request.GET.get("formulaire") == FORM_NAME):
        form = PlannedPhaseForm(prefix=FORM_NAME)
    extra = {"phase_form": form, "asked": FORM_NAME if form is not None else "",
             "phase_refused": refused}
    if request.htmx:
        response = render(request, "cycle/includes/project_phases.html",
                          {"project": project, "can_edit": can_edit, **extra})
    else:
        response = render(request, "cycle/project_detail.html",
                          page_context(request, project, tab=TAB, **extra))
    return ic_changed(response) if done else response


def _change(request, project):
    """(the add form if refused, whether the IC changed)."""
    action = request.POST.get("action")
    if action == "add":
        form = PlannedPhaseForm(request.POST, prefix=FORM_NAME)
        if form.is_valid():
            services.add_planned_phase(project, **form.cleaned_data)
            return None, True
        return form, False
    if action == "remove":
        phase = get_object_or_404(
            project.planned_phases.all(), pk=safe_id(request.POST.get("row")) or 0
        )
        services.remove_planned_phase(phase)
        return None, True
    return None, False
