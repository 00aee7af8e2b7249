"""What the dossier pages read; a constant number of queries whatever the documents."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from cycle.models import Project
from cycle.states import PHASES

from . import registry, rules
from .models import Document, DocumentVersion
from .vocabulary import EXPECTED_PIECES, Category


def project_for(user, pk):
    """The IC and the visibilities ``user`` reads on it; 404 if none."""
    project = get_object_or_404(Project, pk=pk)
    readable = rules.audiences(user, project)
    if not readable:
        raise Http404
    return project, readable


def _versions():
    return DocumentVersion.objects.select_related("uploaded_by").order_by("-number")


def documents(project, readable):
    """The live documents ``readable`` lets through, each with its versions (newest first)."""
    return list(
        Document.objects.filter(project=project, deleted_at__isnull=True, visibility__in=readable)
        .select_related("created_by")
        .prefetch_related(Prefetch("versions", _versions()))
        .order_by("category", "title", "pk")
    )


def deleted_documents(project):
    return list(
        Document.objects.filter(project=project, deleted_at__isnull=False)
        .select_related("deleted_by")
        .order_by("-deleted_at")
    )


def expected_pieces(project, present: set[str]) -> list[dict]:
    """Each sub-phase that expects pieces, in the cycle's order, each piece ticked when a
    live document of its category is in the dossier."""
    labels = dict(Category.choices)
    return [
        {
            "phase": phase,
            "current": project.state == phase,
            "pieces": [
                {"category": c, "label": labels[c], "present": c in present}
                for c in EXPECTED_PIECES[phase]
            ],
        }
        for phase in PHASES
        if phase in EXPECTED_PIECES
    ]


def dossier_page(user, pk) -> dict:
    project, readable = project_for(user, pk)
    rows = documents(project, readable)
    team = readable == rules.EVERY
    present = (
        set(
            Document.objects.filter(project=project, deleted_at__isnull=True).values_list(
                "category", flat=True
            )
        )
        if team
        else set()
    )
    return {
        "project": project,
        "documents": rows,
        "team": team,
        "structure_view": readable == rules.FOR_STRUCTURES,
        "can_file": rules.may_file(user, project),
        "can_deliver": rules.may_deliver(user, project, readable),
        "expected": expected_pieces(project, present) if team else [],
        "deleted": deleted_documents(project) if team else [],
        "generated": registry.generated(project, user, readable),
    }


def document_for(user, pk):
    document = get_object_or_404(
        Document.objects.select_related(
            "project", "created_by__intervenant", "deleted_by"
        ).prefetch_related(
            Prefetch("versions", _versions())
        ),
        pk=pk,
    )
    readable = rules.audiences(user, document.project)
    if not rules.may_read(user, document, readable):
        raise Http404
    return document


def version_for(user, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document__project"), pk=pk)
    readable = rules.audiences(user, version.document.project)
    if not rules.may_read(user, version.document, readable):
        raise Http404
    return version


def structure_section(user, project) -> dict:
    """The « Espace structure »'s documents: the space already checked that the user's
    structure is committed to the IC, so they read what is shared with the structures."""
    return {
        "template": "dossier/_structure_section.html", "project": project,
        "documents": documents(project, rules.FOR_STRUCTURES),
    }
