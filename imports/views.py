"""Import pages: upload, preview with the column mapping, confirm, follow the progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services, workbooks
from .forms import MappingForm, UploadForm
from .kinds import KINDS
from .models import ImportJob, JobStatus
from .planning import ACTION_TONES, Action
from .reading import FileRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _allowed(request):
    if not request.user.has_perm("imports.import"):
        raise PermissionDenied


def _own_job(request, pk):
    _allowed(request)
    job = get_object_or_404(ImportJob.objects.select_related("user__organisation"), pk=pk)
    if not request.user.has_perm("imports.view_job", job):
        raise Http404
    return job


def start(request):
    _allowed(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start(
                by=request.user, kind_code=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("imports:preview", job.pk)
    kinds = [k for k in KINDS.values() if request.user.has_perm("imports.import_kind", k)]
    return render(request, "imports/start.html", {"form": form, "kinds": kinds})


def template_download(request, kind):
    _allowed(request)
    if (declared := KINDS.get(kind)) is None:
        raise Http404
    if not request.user.has_perm("imports.import_kind", declared):
        raise PermissionDenied
    response = HttpResponse(workbooks.template(declared), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="modele-{declared.code}.xlsx"'
    return response


def preview(request, pk):
    job = _own_job(request, pk)
    if job.status != JobStatus.DRAFT:
        return redirect("imports:progress", job.pk)
    kind = KINDS[job.kind]
    initial = {field: str(index) for field, index in job.mapping.items()}
    form = MappingForm(request.POST or None, kind=kind, headers=job.headers, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.remap(by=request.user, job=job, mapping=form.mapping())
        return redirect("imports:preview", job.pk)
    kind, plan, shown = selectors.preview(job)
    return render(request, "imports/preview.html", {
        "job": job, "kind": kind, "form": form, "plan": plan, "rows": shown,
        "counts": [(Action(a).label, ACTION_TONES[a], n) for a, n in plan.counts.items()],
        "headers": [str(c.header) for c in kind.columns],
    })


@require_POST
def confirm(request, pk):
    job = _own_job(request, pk)
    try:
        services.confirm(by=request.user, job=job)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("imports:preview", job.pk)
    messages.success(request, _("Import lancé : il se poursuit en arrière-plan."))
    return redirect("imports:progress", job.pk)


def progress(request, pk):
    job = _own_job(request, pk)
    template = "imports/includes/status.html" if request.htmx else "imports/progress.html"
    labels = dict(Action.choices)
    counts = [(labels[a], ACTION_TONES[a], n) for a, n in job.counts.items()]
    return render(request, template, {"job": job, "counts": counts})
