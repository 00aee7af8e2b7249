"""Writing the library's index from what is published, and only that."""

from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from cycle.models import Project
from grille.models import GrilleStatus
from monographs.documents import monograph_context, published_projects

from .cards import card
from .models import SEARCH_CONFIG, LibraryEntry
from .text import normalise


def published_text(project: Project) -> str:
    """The monograph's text exactly as published (anonymised by monographs.documents), then
    its capitalisation items: nothing else of the IC is searchable."""
    body = render_to_string("monographs/includes/monograph_body.html", monograph_context(project))
    items = [
        " ".join([item.title, item.get_nature_display(), item.description, item.target_audiences])
        for item in project.capitalisation_items.all()
    ]
    return " ".join([*strip_tags(body).split(), *items])


def _write(project: Project) -> None:
    document = published_text(project)
    entry, _ = LibraryEntry.objects.update_or_create(
        project=project,
        defaults={"document": document, "folded": normalise(document), "card": card(project)},
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        LibraryEntry.objects.filter(pk=entry.pk).update(
            search_vector=SearchVector("document", config=SEARCH_CONFIG)
        )


def _published(projects):
    return published_projects(projects).prefetch_related("capitalisation_items")


@transaction.atomic
def refresh_entry(*, project_id: int) -> None:
    """The IC's entry rewritten if its grille is validated, removed otherwise."""
    project = _published(Project.objects.filter(pk=project_id)).first()
    if project is None:
        LibraryEntry.objects.filter(project_id=project_id).delete()
    else:
        _write(project)


def rebuild(*, batch: int = 200) -> int:
    """Every entry rewritten (after a deploy, or edits of an IC since its validation)."""
    LibraryEntry.objects.exclude(
        project__in=Project.objects.filter(grille__status=GrilleStatus.VALIDATED)
    ).delete()
    ids = list(_published(Project.objects.all()).values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            for project in _published(Project.objects.filter(pk__in=ids[start : start + batch])):
                _write(project)
    return len(ids)
