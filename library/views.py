"""The capitalisation library: search, a monograph as published, the « à diffuser » mark."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monographs import services as monographs
from monographs.documents import monograph_context

from .forms import LibrarySearchForm
from .selectors import published_monographs, search, with_cards

PAGE_SIZE = 20


@permission_required("library.view_library", raise_exception=True)
def library(request):
    form = LibrarySearchForm(request.GET or None)
    criteria = form.criteria if request.GET else {}
    # The page's slice is read once, with its cards (count, then one query and prefetches).
    page = Paginator(with_cards(search(criteria)), PAGE_SIZE).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "library/library.html",
        {
            "form": form,
            "page": page,
            "entries": entries,
            "query": query.urlencode(),
            "may_compile": request.user.has_perm("monographs.add_carnet"),
        },
    )


def _published(request, project_pk):
    if not request.user.has_perm("library.view_library"):
        raise PermissionDenied
    return get_object_or_404(published_monographs(), pk=project_pk)


def entry_detail(request, project_pk):
    project = _published(request, project_pk)
    context = monograph_context(project) | {
        "items": list(project.capitalisation_items.all()),
        "marked": hasattr(project, "dissemination_mark"),
        "may_mark": request.user.has_perm("library.mark_for_dissemination", project),
    }
    return render(request, "library/entry_detail.html", context)


@require_POST
def entry_mark(request, project_pk):
    project = _published(request, project_pk)
    if not request.user.has_perm("library.mark_for_dissemination", project):
        raise PermissionDenied
    if request.POST.get("marked") == "1":
        monographs.mark_for_dissemination(project=project, by=request.user)
        messages.success(request, _("Monographie marquée « à diffuser »."))
    else:
        monographs.unmark_for_dissemination(project=project, by=request.user)
        messages.success(request, _("Monographie retirée des « à diffuser »."))
    return redirect("library:entry_detail", project_pk=project.pk)
