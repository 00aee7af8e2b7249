"""The generated PDFs of the apps above (cahier des charges, procès-verbal, letters,
monograph): each registers a source from its ``AppConfig.ready()``; the dossier lists
them beside the uploads without knowing those apps."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Generated:
    title: str
    made_at: datetime | None
    url: str  # the owner's own, permission-checked download view
    kind: str


# A source: fn(project, user, readable) -> Iterable[Generated], already restricted to what
# ``user`` may download (``readable``: the dossier visibilities the user reads), in a
# constant number of queries.
Source = Callable[..., Iterable[Generated]]
SOURCES: list[Source] = []


def register_source(fn: Source) -> Source:
    """Add ``fn`` once (a ready() run twice registers nothing twice)."""
    if fn not in SOURCES:
        SOURCES.append(fn)
    return fn


def generated(project, user, readable) -> list[Generated]:
    items = [item for source in SOURCES for item in source(project, user, readable)]
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda i: i.made_at or oldest, reverse=True)
