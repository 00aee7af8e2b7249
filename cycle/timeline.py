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
    # The reader's own feed (« Activité »), not one IC's: a source may add what its rules
    # show beyond the ICs' pages (the calls a firm is invited to).
    whole_reach: bool = False

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


def _anyone(scope: Scope) -> bool:
    return bool(scope.levels)


@dataclass(frozen=True)
class Source:
    kind: Kind
    read: Read
    offered: Callable[[Scope], bool] = _anyone  # whether its filter is offered to the reader


SOURCES: dict[str, Source] = {}  # by kind value, in registration order


def register(kind: Kind, read: Read, *, offered: Callable[[Scope], bool] = _anyone) -> None:
    """Declare ``kind`` once, read by ``read``; registering it again replaces its reader.
    ``offered``: whether a reader may have lines of it (its filter shown to them)."""
    SOURCES[kind.value] = Source(kind, read, offered)


def kinds(scope: Scope | None = None) -> list[Kind]:
    """Every kind, or those ``scope``'s reader is offered to filter on."""
    return [s.kind for s in SOURCES.values() if scope is None or s.offered(scope)]


def team(scope: Scope) -> bool:
    return scope.team


def page_readers(scope: Scope) -> bool:
    return scope.page_readers


def read(scope: Scope, kind: str = "") -> list[Event]:
    """The registered sources' lines (of ``kind`` alone if given), newest first, bounded."""
    sources = [SOURCES[kind]] if kind in SOURCES else SOURCES.values()
    events = [event for source in sources for event in source.read(scope)]
    events.sort(key=lambda event: event.at, reverse=True)
    return events[: scope.limit]
