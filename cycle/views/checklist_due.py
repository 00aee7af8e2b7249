"""An item's due date and assignee, edited on the IC's checklist (htmx, or a plain post)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import checklists, selectors, services
from ..forms import ChecklistDueForm
from .project_page import editable_project


@require_POST
def checklist_due(request, pk, item_pk):
    project = editable_project(request, pk)
    item = get_object_or_404(project.checklist.select_related("done_by"), pk=item_pk)
    pilots = selectors.pilot_users(project)
    form = ChecklistDueForm(request.POST, pilots=pilots)
    saved = False
    if form.is_valid():
        try:
            item = services.set_checklist_due(
                item,
                due_on=form.cleaned_data["due_on"],
                assignee=form.cleaned_data["assignee"],
                version=form.version,
                by=request.user,
            )
            saved, form = True, None
        except services.ChecklistConflict as conflict:
            item = project.checklist.select_related("done_by").get(pk=item.pk)
            theirs = ChecklistDueForm(
                initial={"due_on": item.due_on, "assignee": item.assignee_id}, pilots=pilots
            )
            form.resolve_conflict(theirs, item.version, conflict.message)
    if saved and not request.htmx:
        return redirect(reverse("cycle:project_detail", args=[project.pk]) + "#liste-controle")
    context = {
        "project": project,
        "item": checklists.shown(project, [item])[0],
        "can_edit": True,
        "due_form": form,
        "due_saved": saved,
        "pilots": pilots,
    }
    if request.htmx:
        return render(request, "cycle/includes/project_checklist_item.html", context)
    return render(request, "cycle/checklist_due.html", context)  # refused: input kept
