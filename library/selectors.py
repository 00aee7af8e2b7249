"""Searching the library: only entries (validated grilles), in a fixed number of queries."""

from django.db import connection
from django.db.models import F, Q, QuerySet

from cycle.models import Project
from grille.models import GrilleStatus
from monographs.documents import published_projects

from .models import SEARCH_CONFIG, LibraryEntry
from .text import stems

FACETS = {
    "axis": "project__grille__themes__axis",
    "theme": "project__grille__themes__code",
    "sector": "project__sectors",
    "ic_type": "project__ic_type",
    "territorial_scale": "project__territorial_scale",
    "year": "project__launched_on__year",
}
TO_MANY = {FACETS["axis"], FACETS["theme"], FACETS["sector"]}


def published_entries() -> QuerySet[LibraryEntry]:
    """Entries of validated grilles: the index holds no other, and this says it twice."""
    return LibraryEntry.objects.filter(project__grille__status=GrilleStatus.VALIDATED)


def _matching(entries, words: str):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(words, config=SEARCH_CONFIG, search_type="websearch")
        return (
            entries.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))  # stored, not re-parsed
            .order_by("-rank", "project__title")
        )
    # SQLite: every word (folded, without its plural) somewhere in the folded text.
    for stem in stems(words):
        entries = entries.filter(folded__contains=stem)
    return entries


def search(criteria: dict | None) -> QuerySet[LibraryEntry]:
    if criteria is None:
        return LibraryEntry.objects.none()
    entries = published_entries().order_by("project__title")
    chosen = {FACETS[name]: value for name, value in criteria.items() if name in FACETS}
    entries = entries.filter(**{path: v for path, v in chosen.items() if path not in TO_MANY})
    to_many = Q(**{path: v for path, v in chosen.items() if path in TO_MANY})
    if to_many:
        # Filtering through many-valued relations (themes, sectors) repeats rows: by id.
        entries = entries.filter(pk__in=published_entries().filter(to_many).values("pk"))
    if criteria.get("marked"):
        entries = entries.filter(project__dissemination_mark__isnull=False)
    if criteria.get("q", "").strip():
        entries = _matching(entries, criteria["q"])
    return entries


def with_cards(entries: QuerySet[LibraryEntry]) -> QuerySet[LibraryEntry]:
    """What a result card shows: the entry's card, the IC's title and its live « à
    diffuser » mark, in one query for the page (never the document itself)."""
    return entries.defer("document", "folded", "search_vector").select_related(
        "project__dissemination_mark"
    )


def published_monographs() -> QuerySet[Project]:
    """ICs as their published monograph reads them, nationally, with their tools and mark."""
    return (
        published_projects(Project.objects.all())
        .select_related("dissemination_mark")
        .prefetch_related("capitalisation_items")
    )
