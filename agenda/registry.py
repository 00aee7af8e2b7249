"""The tasks of the apps above: each registers a source from its ``AppConfig.ready()``.

The agenda knows nothing of the apps that own the due dates: a source answers the open
tasks it holds, already restricted to what a user may see and owns.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count


@dataclass(frozen=True)
class Task:
    """One dated thing to do on an IC. ``assignee_ids``: the users who own it (its
    assignee, else the IC's chargés de mission, plus whoever the source adds)."""

    key: str  # unique across sources, stable: "<kind>:<pk>"
    kind: str
    title: str
    project_id: int
    project_title: str
    due_on: date
    url: str  # where it gets done
    assignee_ids: tuple = ()
    done: bool = False
    tick_url: str | None = None  # a task ticked in place posts tick_payload there
    tick_payload: dict | None = field(default=None, hash=False, compare=False)
    # Overdue this many days, it is signalled beyond its owners (None: the setting
    # TASK_ESCALATE_AFTER_DAYS), to escalate_to(tasks) -> {task.key: [users]} (None: the
    # scheduled run's default, the référent pilot's team).
    escalate_after_days: int | None = None
    escalate_to: Callable | None = field(default=None, hash=False, compare=False)


# A source: fn(*, user=None, due_before=None, projects=None) -> Iterable[Task], a constant
# number of queries. user=None: everyone's tasks; else those the user owns and may see.
# projects: only the tasks of these IC ids (None: of every IC), so that a page showing
# sixty ICs reads their tasks, not the whole country's.
Source = Callable[..., Iterable[Task]]
SOURCES: list[Source] = []
# A source may also count its tasks per IC in SQL (the dashboard's badges need no Task
# built): counts(same arguments) -> a list of per_project() querysets, whose tally equals
# the Counter of its tasks' ICs.
COUNTS: dict[Source, Callable[..., list]] = {}


def among(queryset, projects, field: str = "project_id"):
    """``queryset`` narrowed to the IC ids ``projects`` through ``field`` (None: as is)."""
    return queryset if projects is None else queryset.filter(**{f"{field}__in": projects})


def per_project(queryset, field: str = "project_id"):
    """``queryset``'s rows per IC, as (IC id, n) rows: what a source's ``counts`` lists."""
    return queryset.order_by().values_list(field).annotate(n=Count("pk", distinct=True))


def tally(grouped: list) -> Counter:
    """{IC id: n} adding up per_project() querysets, in one query (UNION ALL)."""
    if not grouped:
        return Counter()
    counts = Counter()
    for project_id, n in grouped[0].union(*grouped[1:], all=True):
        counts[project_id] += n
    return counts


def register_source(fn: Source, *, counts: Callable[..., list] | None = None) -> Source:
    """Add ``fn`` once (a ready() run twice registers nothing twice), with its ``counts``."""
    if fn not in SOURCES:
        SOURCES.append(fn)
    if counts is not None:
        COUNTS[fn] = counts
    return fn
