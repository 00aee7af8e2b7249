"""Pages of the documents: the cahier des charges to edit, preview, download and issue."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from cycle.selectors import editable_projects, visible_projects

from . import services
from .forms import CriterionFormSet, SpecificationForm
from .pdf import render_pdf
from .selectors import specification_context


def pdf_response(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = slugify(name)[:80] or "document"
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


class SpecificationEditView(View):
    template_name = "monographs/specification_form.html"

    def dispatch(self, request, project_pk):
        self.project = get_object_or_404(editable_projects(request.user), pk=project_pk)
        self.specification = services.specification_for(self.project)
        return super().dispatch(request, project_pk)

    def get(self, request, project_pk):
        form = SpecificationForm(
            instance=self.specification, initial={"version": self.specification.version}
        )
        return self.render(form, CriterionFormSet(instance=self.specification))

    def post(self, request, project_pk):
        form = SpecificationForm(request.POST, instance=self.specification)
        criteria = CriterionFormSet(request.POST, instance=self.specification)
        if form.is_valid() and criteria.is_valid():
            try:
                services.save_specification(
                    self.specification, form, criteria,
                    version=form.cleaned_data["version"], by=request.user,
                )
            except services.StaleEdit as conflict:
                form.add_error(None, str(conflict))
            else:
                messages.success(request, _("Cahier des charges enregistré."))
                return redirect("monographs:specification_detail", project_pk=self.project.pk)
        return self.render(form, criteria, status=400)

    def render(self, form, criteria, status=200):
        context = {"project": self.project, "form": form, "criteria": criteria}
        return render(self.request, self.template_name, context, status=status)


def specification_detail(request, project_pk):
    project = get_object_or_404(visible_projects(request.user), pk=project_pk)
    context = specification_context(project, request.user)
    return render(request, "monographs/specification_detail.html", context)


def specification_pdf(request, project_pk):
    project = get_object_or_404(visible_projects(request.user), pk=project_pk)
    context = specification_context(project, request.user)
    pdf = render_pdf("monographs/specification_pdf.html", context)
    return pdf_response(pdf, _("cahier des charges %(title)s") % {"title": project.title})


@require_POST
def specification_issue(request, project_pk):
    project = get_object_or_404(editable_projects(request.user), pk=project_pk)
    try:
        services.issue_specification(services.specification_for(project), by=request.user)
    except services.SpecificationIncomplete as refused:
        for message in refused.missing:
            messages.error(request, message)
    else:
        messages.success(request, _("Cahier des charges émis."))
    return redirect("monographs:specification_detail", project_pk=project.pk)
