"""The sub-phases' target dates, proposed from the IC's calendar and set in place.

One URL: GET answers the section (to htmx; else a page of its own, the IC page's link
without JavaScript), POST saves them (pilots) and answers the same, input kept if refused.
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import services, targets
from ..forms import PhaseTargetsForm
from .project_page import editable_project, ic_changed, visible_project


@require_http_methods(["GET", "POST"])
def project_targets(request, pk):
    if request.method == "POST":
        project = editable_project(request, pk)
    else:
        project = visible_project(request, pk, tab=None)
    saved = {t.phase: t.due_on for t in project.phase_targets.all()}
    proposed = targets.proposals(project)
    form, done = PhaseTargetsForm(saved=saved, proposed=proposed), False
    if request.method == "POST":
        form = PhaseTargetsForm(request.POST, saved=saved, proposed=proposed)
        if form.is_valid():
            try:
                services.set_phase_targets(project, targets=form.cleaned_data, seen=form.seen())
                done = True
            except services.TargetsConflict as conflict:
                form.add_error(None, str(conflict.message))
                saved = {t.phase: t.due_on for t in project.phase_targets.all()}
        if done and not request.htmx:
            return redirect("cycle:project_targets", pk=project.pk)
        if done:
            saved = {t.phase: t.due_on for t in project.phase_targets.all()}
            form = PhaseTargetsForm(saved=saved, proposed=proposed)
    context = {
        "project": project,
        "form": form,
        "done": done,
        "rows": _rows(form, saved, proposed),
        "can_edit": request.user.has_perm("cycle.change_project", project),
    }
    alone = "cycle/includes/project_targets.html"
    template = alone if request.htmx else "cycle/project_targets.html"
    response = render(request, template, context)
    return ic_changed(response) if done else response


def _rows(form, saved, proposed) -> list[dict]:
    """Per sub-phase: its field, the saved date the next save starts from (after a
    refusal, the one saved meanwhile) and whether the date shown is only proposed."""
    return [
        {
            "field": form[phase],
            "seen": saved[phase].isoformat() if phase in saved else "",
            "proposed": phase not in saved and phase in proposed,
        }
        for phase in form.fields
    ]
