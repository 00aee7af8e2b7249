"""Create and edit an IC: the fiche technique first, then its data; never lose the input."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import BudgetTrancheFormSet, ObjectiveFormSet, ProjectForm
from ..models import Project
from .project_page import editable_project

TEMPLATE = "cycle/project_form.html"


def _forms(request, project):
    data = request.POST if request.method == "POST" else None
    return (
        ProjectForm(data, instance=project, user=request.user),
        ObjectiveFormSet(data, instance=project, prefix="objectifs"),
        BudgetTrancheFormSet(
            data, instance=project, prefix="budget",
            form_kwargs={"may_add_funder": request.user.has_perm("directory.edit_directory")},
        ),
    )


def _render(request, form, objectives, tranches, project=None, status=200):
    return render(
        request, TEMPLATE,
        {
            "form": form, "objectives": objectives, "tranches": tranches, "project": project,
            "proposal_prefix": _("Type proposé par la fiche technique (modifiable) :"),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def project_create(request):
    if not request.user.has_perm("cycle.add_project"):
        raise PermissionDenied
    form, objectives, tranches = _forms(request, Project())
    if request.method == "POST" and all(
        [form.is_valid(), objectives.is_valid(), tranches.is_valid()]
    ):
        project = services.create_project_with_details(
            by=request.user,
            fields=form.plain_fields(),
            relations=form.relations(),
            organisations=form.cleaned_data["pilots"],
            referent=form.cleaned_data["referent"],
            dependents=(objectives, tranches),
        )
        messages.success(request, _("L'ingénierie collective est créée."))
        return redirect("cycle:project_detail", pk=project.pk)
    return _render(request, form, objectives, tranches)


@require_http_methods(["GET", "POST"])
def project_update(request, pk):
    project = editable_project(request, pk)
    form, objectives, tranches = _forms(request, project)
    if request.method == "POST" and all(
        [form.is_valid(), objectives.is_valid(), tranches.is_valid()]
    ):
        try:
            services.update_project(
                project, by=request.user, version=form.version, relations=form.relations(),
                organisations=form.cleaned_data["pilots"], referent=form.cleaned_data["referent"],
                dependents=(objectives, tranches),
            )
        except services.EditConflict as conflict:
            # The input is kept; the fields the other person saved are shown (and taken
            # where this user changed nothing): the next save is a deliberate merge.
            fresh = Project.objects.get(pk=project.pk)
            form.resolve_conflict(
                ProjectForm(instance=fresh, user=request.user), fresh.version, str(conflict),
                formsets=[
                    (objectives, ObjectiveFormSet(instance=fresh, prefix="objectifs"),
                     _("Objectif")),
                    (tranches, BudgetTrancheFormSet(instance=fresh, prefix="budget"),
                     _("Tranche")),
                ],
            )
            return _render(request, form, objectives, tranches, project, status=409)
        messages.success(request, _("Les modifications sont enregistrées."))
        return redirect("cycle:project_detail", pk=project.pk)
    return _render(request, form, objectives, tranches, project)
