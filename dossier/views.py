"""The IC's dossier: its documents page, one document's versions and history, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dla_ic.uploads import kind_of

from . import rules, selectors, services, uploads
from .forms import DeleteForm, DeliverableForm, DocumentForm, ShareForm, VersionForm


def _upload_form(request, context):
    """The team files any document; the chosen firm's intervenants their livrables."""
    data, files = request.POST or None, request.FILES or None
    if context["can_file"]:
        return DocumentForm(data, files)
    if context["can_deliver"]:
        return DeliverableForm(data, files)
    return None


def documents(request, project_pk):
    """Everyone who reads the IC's dossier: what they may see; its pilots upload here, and
    the chosen firm's intervenants their livrables."""
    context = selectors.dossier_page(request.user, project_pk)
    form = _upload_form(request, context)
    if form is None and request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if context["can_file"]:
            services.add_document(
                project=context["project"], title=data["title"], category=data["category"],
                visibility=data["visibility"], upload=data["file"], by=request.user,
            )
            messages.success(request, _("Document déposé."))
        else:
            services.add_deliverable(
                project=context["project"], title=data["title"], upload=data["file"],
                by=request.user,
            )
            messages.success(request, _("Livrable déposé ; l'équipe DLA le voit dès maintenant."))
        return redirect("dossier:documents", project_pk=project_pk)
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "dossier/documents.html", {**context, "form": form}, status=status)


def _document_page(
    request, document, version_form=None, delete_form=None, share_form=None, status=200
):
    context = {
        "document": document,
        "project": document.project,
        "can_file": rules.may_file(request.user, document.project),
        "can_add_version": rules.may_add_version(request.user, document),
        "version_form": version_form or VersionForm(),
        "delete_form": delete_form or DeleteForm(),
        "share_form": share_form or ShareForm(initial={"visibility": document.visibility}),
    }
    return render(request, "dossier/document_detail.html", context, status=status)


def document_detail(request, pk):
    return _document_page(request, selectors.document_for(request.user, pk))


def _filed_document(request, pk, may=rules.may_manage):
    document = selectors.document_for(request.user, pk)
    if not may(request.user, document):
        raise PermissionDenied
    if document.deleted_at is not None:
        raise Http404
    return document


@require_POST
def version_add(request, pk):
    document = _filed_document(request, pk, may=rules.may_add_version)
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


@require_POST
def document_share(request, pk):
    """The team chooses who reads a document (a livrable the firm filed, say)."""
    document = _filed_document(request, pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _document_page(request, document, share_form=form, status=400)
    services.share_document(
        document=document, visibility=form.cleaned_data["visibility"], by=request.user
    )
    messages.success(request, _("Visibilité du document enregistrée."))
    return redirect("dossier:document_detail", pk=pk)


def version_file(request, pk):
    """A version's file, to who may read its document; never a public URL."""
    version = selectors.version_for(request.user, pk)
    file = uploads.open_stored(version.file_name)
    if file is None:
        raise Http404
    content_type = kind_of(version.file_name).content_type
    return FileResponse(
        file,
        as_attachment=True,
        filename=version.original_name,
        content_type=content_type,
    )
