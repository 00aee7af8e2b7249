"""Pages of the documents: cahier des charges, monographs and carnets."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from cycle.exceptions import TransitionRefused
from cycle.selectors import editable_projects, visible_projects
from dla_ic.pdf import html_to_pdf, pdf_response, render_pdf
from dla_ic.storage import private_storage

from . import services
from .carnet import carnet_name
from .documents import monograph_context, monograph_html, monograph_queryset, published_projects
from .downloads import stored_pdf_response
from .forms import (
    CarnetFilterForm,
    CarnetForm,
    CriterionFormSet,
    SpecificationForm,
    criterion_formset,
)
from .models import Carnet, CarnetStatus, IssuedSpecification, Specification
from .selectors import specification_context
from .versions import current_version, lock_reasons


class SpecificationEditView(View):
    """Write the cahier des charges; the first save creates it (a GET never writes)."""

    template_name = "monographs/specification_form.html"

    def dispatch(self, request, project_pk):
        self.project = get_object_or_404(editable_projects(request.user), pk=project_pk)
        self.specification = (
            Specification.objects.filter(project=self.project).first()
            or Specification(project=self.project, version=0)
        )
        return super().dispatch(request, project_pk)

    def get(self, request, project_pk):
        form = SpecificationForm(
            instance=self.specification, initial={"version": self.specification.version},
            amending=self.amending,
        )
        if self.specification.pk:
            criteria = CriterionFormSet(instance=self.specification)
        else:
            defaults = services.default_criteria()
            criteria = criterion_formset(extra=len(defaults))(
                instance=self.specification, initial=defaults
            )
        return self.render(form, criteria)

    def post(self, request, project_pk):
        form = SpecificationForm(request.POST, instance=self.specification, amending=self.amending)
        criteria = CriterionFormSet(request.POST, instance=self.specification)
        if form.is_valid() and criteria.is_valid():
            try:
                services.save_or_amend(
                    self.project, form, criteria,
                    version=form.version, by=request.user,
                    reason=form.cleaned_data.get("amendment_reason", ""),
                )
            except services.StaleEdit as conflict:
                fresh = Specification.objects.filter(project=self.project).first()
                if fresh is None:  # not ours to merge with: say so, keep the input
                    form.add_error(None, str(conflict))
                else:
                    form.resolve_conflict(
                        SpecificationForm(instance=fresh), fresh.version, str(conflict),
                        formsets=[(criteria, CriterionFormSet(instance=fresh), _("Critère"))],
                    )
            except TransitionRefused as refused:
                for message in refused.missing:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Avenant émis : les candidats invités sont prévenus.")
                                 if self.amending else _("Cahier des charges enregistré."))
                return redirect("monographs:specification_detail", project_pk=self.project.pk)
        return self.render(form, criteria, status=400)

    @property
    def amending(self) -> bool:
        return current_version(self.specification) is not None

    def render(self, form, criteria, status=200):
        context = {"project": self.project, "form": form, "criteria": criteria,
                   "amending": self.amending, "locked": lock_reasons(self.specification)
                   if self.amending else []}
        return render(self.request, self.template_name, context, status=status)


def specification_detail(request, project_pk):
    project = get_object_or_404(visible_projects(request.user), pk=project_pk)
    context = specification_context(project, request.user)
    specification = context["specification"]
    context["issued_versions"] = list(specification.issued_versions.all()) if specification else []
    return render(request, "monographs/specification_detail.html", context)


def specification_pdf(request, project_pk):
    """Once issued, the stored PDF of the current version; before, the draft rendered now."""
    project = get_object_or_404(visible_projects(request.user), pk=project_pk)
    issued = current_version(Specification.objects.filter(project=project).first())
    if issued:
        return stored_pdf_response(issued, project)
    context = specification_context(project, request.user)
    pdf = render_pdf("monographs/specification_pdf.html", context)
    return pdf_response(pdf, _("cahier des charges %(title)s") % {"title": project.title})


def specification_version_pdf(request, project_pk, number):
    project = get_object_or_404(visible_projects(request.user), pk=project_pk)
    issued = get_object_or_404(
        IssuedSpecification, specification__project=project, number=number
    )
    return stored_pdf_response(issued, project)


@require_POST
def specification_issue(request, project_pk):
    project = get_object_or_404(editable_projects(request.user), pk=project_pk)
    try:
        services.issue_specification(services.specification_for(project), by=request.user)
    except TransitionRefused as refused:
        for message in refused.missing:
            messages.error(request, message)
    else:
        messages.success(request, _("Cahier des charges émis."))
    return redirect("monographs:specification_detail", project_pk=project.pk)


# --- monographs


def _monograph_project(request, project_pk, *, with_grille=True):
    projects = visible_projects(request.user)
    if with_grille:
        projects = projects.filter(grille__isnull=False)
    return get_object_or_404(monograph_queryset(projects), pk=project_pk)


def monograph_detail(request, project_pk):
    project = _monograph_project(request, project_pk, with_grille=False)
    if not hasattr(project, "grille"):
        return render(request, "monographs/monograph_detail.html", {"project": project})
    return render(request, "monographs/monograph_detail.html", monograph_context(project))


def monograph_pdf(request, project_pk):
    project = _monograph_project(request, project_pk)
    pdf = html_to_pdf(monograph_html(project))
    return pdf_response(pdf, _("monographie %(title)s") % {"title": project.title})


# --- carnets


def _published_for(user):
    return published_projects(visible_projects(user))


@permission_required("monographs.add_carnet", raise_exception=True)
def carnet_list(request):
    carnets = Carnet.objects.filter(requested_by=request.user).annotate(n=Count("projects"))
    return render(request, "monographs/carnet_list.html", {"carnets": carnets[:50]})


@permission_required("monographs.add_carnet", raise_exception=True)
def carnet_create(request):
    filters = CarnetFilterForm(request.GET or None)
    candidates = filters.filter(_published_for(request.user))
    if request.method == "POST":
        form = CarnetForm(request.POST, projects=candidates)
        if form.is_valid():
            carnet = services.request_carnet(
                by=request.user, title=form.cleaned_data["title"],
                projects=form.ordered_projects(),
            )
            messages.success(request, _("Carnet demandé : il se construit en arrière-plan."))
            return redirect("monographs:carnet_detail", pk=carnet.pk)
        status = 400
    else:
        form = CarnetForm(
            projects=candidates,
            initial={"projects": list(candidates), "title": _("Ingénieries collectives DLA")},
        )
        status = 200
    context = {"filters": filters, "form": form}
    return render(request, "monographs/carnet_form.html", context, status=status)


def _own_carnet(request, pk):
    carnet = get_object_or_404(Carnet.objects.select_related("requested_by"), pk=pk)
    if not request.user.has_perm("monographs.view_carnet", carnet):
        raise Http404
    return carnet


def carnet_detail(request, pk):
    carnet = _own_carnet(request, pk)
    template = "monographs/includes/carnet_status.html" if request.htmx else (
        "monographs/carnet_detail.html"
    )
    return render(request, template, {"carnet": carnet})


def carnet_download(request, pk):
    carnet = _own_carnet(request, pk)
    storage, name = private_storage(), carnet_name(carnet)
    if carnet.status != CarnetStatus.DONE or not storage.exists(name):
        raise Http404
    return FileResponse(
        storage.open(name, "rb"), as_attachment=True,
        filename=f"{slugify(carnet.title)[:80] or 'carnet'}.pdf", content_type="application/pdf",
    )


@require_POST
def carnet_retry(request, pk):
    carnet = _own_carnet(request, pk)
    try:
        services.retry_carnet(carnet, by=request.user)
    except TransitionRefused as refused:
        for message in refused.missing:
            messages.error(request, message)
    else:
        messages.success(request, _("Carnet relancé."))
    return redirect("monographs:carnet_detail", pk=carnet.pk)
