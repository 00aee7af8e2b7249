"""The IC's dossier: its documents page, one document's versions and history, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dla_ic.uploads import kind_of

from . import rules, selectors, services, uploads
from .forms import DeleteForm, DocumentForm, VersionForm


def documents(request, project_pk):
    """Everyone who reads the IC's dossier: what they may see; its pilots upload here."""
    context = selectors.dossier_page(request.user, project_pk)
    form = None
    if context["can_file"]:
        form = DocumentForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            services.add_document(
                project=context["project"],
                title=data["title"],
                category=data["category"],
                visibility=data["visibility"],
                upload=data["file"],
                by=request.user,
            )
            messages.success(request, _("Document déposé."))
            return redirect("dossier:documents", project_pk=project_pk)
    elif request.method == "POST":
        raise PermissionDenied
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "dossier/documents.html", {**context, "form": form}, status=status)


def _document_page(request, document, version_form=None, delete_form=None, status=200):
    can_file = rules.may_file(request.user, document.project)
    context = {
        "document": document,
        "project": document.project,
        "can_file": can_file,
        "version_form": version_form or VersionForm(),
        "delete_form": delete_form or DeleteForm(),
    }
    return render(request, "dossier/document_detail.html", context, status=status)


def document_detail(request, pk):
    return _document_page(request, selectors.document_for(request.user, pk))


def _filed_document(request, pk):
    document = selectors.document_for(request.user, pk)
    if not rules.may_file(request.user, document.project):
        raise PermissionDenied
    if document.deleted_at is not None:
        raise Http404
    return document


@require_POST
def version_add(request, pk):
    document = _filed_document(request, pk)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _document_page(request, document, version_form=form, status=400)
    version = services.add_version(
        document=document, upload=form.cleaned_data["file"], by=request.user
    )
    messages.success(request, _("Version %(n)s déposée.") % {"n": version.number})
    return redirect("dossier:document_detail", pk=pk)


@require_POST
def document_delete(request, pk):
    document = _filed_document(request, pk)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        return _document_page(request, document, delete_form=form, status=400)
    services.delete_document(document=document, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(request, _("Document supprimé ; il reste dans l'historique du dossier."))
    return redirect("dossier:documents", project_pk=document.project_id)


def version_file(request, pk):
    """A version's file, to who may read its document; never a public URL."""
    version = selectors.version_for(request.user, pk)
    path = uploads.stored_path(version.file_name)
    if not path.exists():
        raise Http404
    content_type = kind_of(version.file_name).content_type
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=version.original_name,
        content_type=content_type,
    )
