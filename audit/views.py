"""The IC's audit page (its requester's bundles, the button), a bundle's progress, its ZIP."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cycle.models import Project
from dla_ic.storage import private_storage

from . import selectors, services
from .bundle import bundle_name
from .models import AuditBundle
from .rules import can_request_audit, owns_bundle


def _project(request, project_pk):
    # The rule itself, not has_perm: a superuser would pass has_perm on any IC.
    project = get_object_or_404(Project, pk=project_pk)
    if not can_request_audit(request.user, project):
        raise Http404
    return project


def project_bundles(request, project_pk):
    project = _project(request, project_pk)
    context = {"project": project, "bundles": selectors.bundles_of(request.user, project)}
    return render(request, "audit/project_bundles.html", context)


@require_POST
def request_bundle(request, project_pk):
    project = _project(request, project_pk)
    bundle, new = services.request_bundle(project=project, by=request.user)
    if new:
        messages.success(request, _("Dossier d'audit demandé : il est en préparation."))
    else:
        messages.info(request, _("Votre dossier d'audit est déjà en préparation."))
    return redirect("audit:detail", pk=bundle.pk)


def _own_bundle(request, pk):
    bundle = get_object_or_404(AuditBundle.objects.select_related("project"), pk=pk)
    if not owns_bundle(request.user, bundle):
        raise Http404
    return bundle


def detail(request, pk):
    bundle = _own_bundle(request, pk)
    template = "audit/includes/status.html" if request.htmx else "audit/detail.html"
    return render(request, template, {"bundle": bundle, "project": bundle.project})


def download(request, pk):
    bundle = _own_bundle(request, pk)
    storage = private_storage()
    if not bundle.is_ready or not storage.exists(bundle_name(bundle)):
        raise Http404
    day = timezone.localtime(bundle.created_at).date()
    name = f"audit-{slugify(bundle.project.title)[:60] or bundle.project_id}-{day:%Y-%m-%d}.zip"
    return FileResponse(storage.open(bundle_name(bundle), "rb"), as_attachment=True, filename=name,
                        content_type="application/zip")
