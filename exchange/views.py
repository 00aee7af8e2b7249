"""The IC's exchanges: its threads (each person sees the levels they are in), one thread,
an attachment, the DLA team's private notes. Thin: reads in selectors, writes in services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from cycle.audiences import answer_levels, is_team

from . import selectors, services, uploads
from .forms import MessageForm, NoteForm, ThreadForm


def _back(user, project) -> str:
    """Where the person reaches the IC: the « Espace structure » for a representative."""
    name = "cycle:structure_space" if user.role == Role.STRUCTURE else "cycle:project_detail"
    return reverse(name, args=[project.pk])


def _page(request, project, levels, **forms):
    context = {
        "project": project,
        "levels": levels,
        "team": is_team(levels),
        "back_url": _back(request.user, project),
        "threads": selectors.threads(request.user, project, levels),
        "form": forms.get("form") or ThreadForm(levels=levels),
    }
    if context["team"]:
        participations = selectors.participations(project)
        context["notes"] = selectors.notes(project)
        context["note_form"] = forms.get("note_form") or NoteForm(participations=participations)
    return render(request, "exchange/project.html", context)


def _files(form):
    return form.cleaned_data.get("files") or []


@require_http_methods(["GET", "POST"])
def project_exchange(request, pk):
    """The threads of the IC the person sees; a POST opens a new one."""
    project, levels = selectors.exchange_project(request.user, pk)
    if request.method != "POST":
        return _page(request, project, levels)
    form = ThreadForm(request.POST, request.FILES, levels=levels)
    if form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.open_thread(
                by=request.user,
                project=project,
                subject=data["subject"],
                body=data["body"],
                visibility=data["visibility"],
                files=_files(form),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Discussion ouverte."))
            return redirect("exchange:thread", pk=project.pk, thread_pk=thread.pk)
    return _page(request, project, levels, form=form)


@require_http_methods(["GET", "POST"])
def thread(request, pk, thread_pk):
    """One thread's messages the person sees; a POST answers in it."""
    project, levels = selectors.exchange_project(request.user, pk)
    shown = selectors.thread_for(request.user, project, levels, thread_pk)
    form = MessageForm(
        request.POST or None,
        request.FILES or None,
        levels=answer_levels(levels, shown.opening_level),
        initial_level=shown.shown_messages[-1].visibility,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_message(
                by=request.user,
                thread=shown,
                body=data["body"],
                visibility=data["visibility"],
                files=_files(form),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Message envoyé."))
            return redirect(request.path)
    context = {
        "project": project,
        "thread": shown,
        "form": form,
        "team": is_team(levels),
        "back_url": _back(request.user, project),
    }
    return render(request, "exchange/thread.html", context)


@require_POST
def thread_read(request, pk, thread_pk):
    """The thread shown is read (posted by the page once loaded: a GET writes nothing)."""
    project, levels = selectors.exchange_project(request.user, pk)
    shown = selectors.thread_for(request.user, project, levels, thread_pk)
    services.mark_read(by=request.user, thread=shown)
    if request.htmx:
        return HttpResponse(status=204)
    return redirect("exchange:thread", pk=pk, thread_pk=thread_pk)  # without JS: the thread


@require_POST
def note_create(request, pk):
    """A private note of the DLA team; anyone else is told nothing (404)."""
    project, levels = selectors.exchange_project(request.user, pk)
    if not is_team(levels):
        raise Http404
    form = NoteForm(request.POST, participations=selectors.participations(project))
    if form.is_valid():
        services.write_note(
            by=request.user,
            project=project,
            body=form.cleaned_data["body"],
            participation=form.cleaned_data["participation"],
        )
        messages.success(request, _("Note enregistrée."))
        return redirect(reverse("exchange:project", args=[project.pk]) + "#notes")
    return _page(request, project, levels, note_form=form)


def attachment(request, pk):
    """An attachment, to whom sees its message only; never a public URL."""
    found = selectors.attachment_for(request.user, pk)
    file = uploads.open_stored(found.file_name)
    if file is None:
        raise Http404
    kind = uploads.KINDS[found.kind]
    return FileResponse(
        file,
        as_attachment=True,
        content_type=kind.content_type,
        filename=f"piece-jointe-{found.pk}.{kind.extensions[0]}",
    )
