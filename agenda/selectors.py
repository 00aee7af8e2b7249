"""What is due, for whom: the registered sources merged, bucketed for « Mes tâches »."""

from collections import Counter
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry
from .registry import Task

# The buckets of « Mes tâches », in order: (code, label).
BUCKETS = (
    ("overdue", _("En retard")),
    ("today", _("Aujourd'hui")),
    ("week", _("Cette semaine")),
    ("later", _("Plus tard")),
)


def today() -> date:
    """The day in Paris (tests freeze it by patching this function)."""
    return timezone.localdate()


def _merged(user, due_before, projects=None) -> list[Task]:
    """The open tasks of the ICs ``user`` may see (None: all), whoever owns them;
    ``projects``: of those IC ids only."""
    return [
        task
        for source in registry.SOURCES
        for task in source(user=user, due_before=due_before, projects=projects)
        if not task.done and (due_before is None or task.due_on < due_before)
    ]


def open_tasks(*, user=None, due_before: date | None = None) -> list[Task]:
    """Every source's open tasks (user=None: everyone's; else those ``user`` owns), by due
    date then IC. ``due_before``: only those due strictly before that day."""
    tasks = _merged(user, due_before)
    if user is not None:
        tasks = [task for task in tasks if user.pk in task.assignee_ids]
    return sorted(tasks, key=lambda task: (task.due_on, task.project_title, task.key))


def bucket_of(due_on: date, day: date) -> str:
    if due_on < day:
        return "overdue"
    if due_on == day:
        return "today"
    # "this week": until Sunday of the current week.
    if due_on <= day + timedelta(days=6 - day.weekday()):
        return "week"
    return "later"


def bucketed(tasks, *, day: date | None = None) -> list[tuple[str, str, list[Task]]]:
    """[(code, label, tasks)] for every bucket, in order (empty ones included)."""
    day = day or today()
    groups = {code: [] for code, _label in BUCKETS}
    for task in tasks:
        groups[bucket_of(task.due_on, day)].append(task)
    return [(code, label, groups[code]) for code, label in BUCKETS]


def overdue_counts(*, user=None, projects=None) -> Counter:
    """{project_id: its overdue tasks, whoever owns them}, on the ICs ``user`` may see;
    ``projects``: on those IC ids only (the cards a page shows). The sources that count in
    SQL are asked together, in one query; the others' tasks are counted."""
    day, counts, grouped = today(), Counter(), []
    for source in registry.SOURCES:
        counter = registry.COUNTS.get(source)
        if counter is not None:
            grouped += counter(user=user, due_before=day, projects=projects)
        else:
            counts.update(
                task.project_id
                for task in source(user=user, due_before=day, projects=projects)
                if not task.done and task.due_on < day
            )
    return counts + registry.tally(grouped)
