"""The activity feed's registry: the kinds of its lines and the sources that read them.

A source reads one kind of line (transitions, messages, documents…) for a ``Scope``: who
reads, which ICs, which visibility levels that reader's role sees there, since when and
how many. It answers the lines that reader may see, newest first, in one or two queries
whatever their number (never one per line). Apps above the IC (exchange, dossier, grille,
tenders) register theirs from their ``AppConfig.ready()``; the cycle never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from .audiences import Visibility


@dataclass(frozen=True)
class Kind:
    """A kind of line, its value in the URL (``?type=``) and its French label."""

    value: str
    label: str


@dataclass
class Event:
    at: datetime
    kind: str  # a registered Kind's value
    title: str
    by: object = None
    comment: str = ""
    project_id: int | None = None
    url: str = ""
    project: object = None  # filled in by the feed, one query for all its lines


@dataclass(frozen=True)
class Scope:
    """Who reads the feed, over which ICs (a Project queryset, used as a subquery)."""

    user: object
    projects: QuerySet
    levels: frozenset = field(default_factory=frozenset)  # cycle.audiences levels
    since: datetime | None = None
    limit: int = 100

    @property
    def team(self) -> bool:
        """The DLA team (and admins): every level, private notes included."""
        return Visibility.TEAM in self.levels

    @property
    def page_readers(self) -> bool:
        """Whoever reads the IC's page (its team, the chosen firm): its cycle, its grille."""
        return Visibility.PRESTATAIRE in self.levels

    def bound(self, queryset, date_field: str):
        """``queryset`` since ``since``, newest first, cut at ``limit``."""
        if self.since is not None:
            queryset = queryset.filter(**{f"{date_field}__gte": self.since})
        return queryset.order_by(f"-{date_field}", "-pk")[: self.limit]


Read = Callable[[Scope], list[Event]]


@dataclass(frozen=True)
class Source:
    kind: Kind
    read: Read


SOURCES: dict[str, Source] = {}  # by kind value, in registration order


def register(kind: Kind, read: Read) -> None:
    """Declare ``kind`` once, read by ``read``; registering it again replaces its reader."""
    SOURCES[kind.value] = Source(kind, read)


def kinds() -> list[Kind]:
    return [source.kind for source in SOURCES.values()]


def read(scope: Scope, kind: str = "") -> list[Event]:
    """The registered sources' lines (of ``kind`` alone if given), newest first, bounded."""
    sources = [SOURCES[kind]] if kind in SOURCES else SOURCES.values()
    events = [event for source in sources for event in source.read(scope)]
    events.sort(key=lambda event: event.at, reverse=True)
    return events[: scope.limit]
