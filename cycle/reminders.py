"""The scheduled reminders (``manage.py send_reminders``, or the worker): before a task's due
date, on the first day it is overdue, and beyond its owners once it stays overdue (when and
to whom: the task says, see ``agenda.registry.Task``; by default the IC's référent after
``TASK_ESCALATE_AFTER_DAYS``).

Idempotent by the notification's key (``notify`` writes one row per person and key): the
key holds the task's key and its due date, so a run again sends nothing again, and a due
date moved is a new reminder. Each ``notify`` commits on its own, before the next: a crash
mid-way keeps what was sent, and the re-run sends only the rest (and retries the e-mails a
crash left unsent, see ``run``).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from agenda import selectors as agenda
from notifications import services as notifications

from .notices import TASK_DUE_SOON, TASK_ESCALATED, TASK_OVERDUE

logger = logging.getLogger(__name__)

# Other scheduled notices the apps above send on the same run (the calls' deadlines
# passed): fn(*, now) -> notifications written. Registered from their AppConfig.ready().
SWEEPS: list = []


def register_sweep(fn):
    if fn not in SWEEPS:
        SWEEPS.append(fn)
    return fn


@dataclass
class Sent:
    due_soon: int = 0
    overdue: int = 0
    escalated: int = 0
    other: int = 0
    retried: int = 0

    def __str__(self):
        return _(
            "Rappels : %(due_soon)s avant échéance, %(overdue)s en retard, %(escalated)s "
            "aux pilotes, %(other)s autre(s) (dates limites des appels d'offres) ; "
            "%(retried)s courriel(s) repris."
        ) % vars(self)


def run(*, now=None) -> Sent:
    started = now or timezone.now()
    day = agenda.today()
    sent = Sent()
    before = day + timedelta(days=settings.TASK_REMIND_DAYS_BEFORE + 1)  # due_before is strict
    tasks = agenda.open_tasks(due_before=before)
    owners = _users({pk for task in tasks for pk in task.assignee_ids})
    late = [t for t in tasks if (day - t.due_on).days >= _escalate_after(t)]
    audiences = _audiences(late)
    for task in tasks:
        people = [owners[pk] for pk in task.assignee_ids if pk in owners]
        if task.due_on >= day:
            sent.due_soon += _due_soon(task, people)
        else:  # a run missed on the first day overdue still tells it, on the next one
            sent.overdue += _overdue(task, people)
    # The escalations after the owners' reminders: a crash in between never tells the
    # référent of a task its owners have not heard of.
    for task in late:
        sent.escalated += _escalated(task, audiences[task.key], owners, day)
    for sweep in SWEEPS:
        sent.other += sweep(now=started)
    # Last: this run's immediate e-mails went out after each notify's commit; those a crash
    # or a failed send left unsent in an earlier run go now (this run's own failures wait
    # for the next run: retried at once, they would meet the same failure). Each is claimed
    # before it is sent, so none goes twice.
    sent.retried = notifications.mail_pending_immediate(older_than=started)
    logger.info("%s", sent)
    return sent


def _users(ids) -> dict:
    return {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True)}


def _escalate_after(task) -> int:
    if task.escalate_after_days is None:
        return settings.TASK_ESCALATE_AFTER_DAYS
    return task.escalate_after_days


def _audiences(tasks) -> dict[str, list]:
    """{task.key: who hears of it overdue}: each audience asked once, for all its tasks."""
    groups = defaultdict(list)
    for task in tasks:
        groups[task.escalate_to or referent_escalation].append(task)
    people = {}
    for audience, group in groups.items():
        people.update(audience(group))
    return people


def referent_escalation(tasks) -> dict[str, list]:
    """The default: the référent pilot's team, but the task's owners (told already)."""
    referents = referent_audience({t.project_id for t in tasks})
    return {
        t.key: [u for u in referents.get(t.project_id, ()) if u.pk not in t.assignee_ids]
        for t in tasks
    }


def pilot_team_escalation(tasks) -> dict[str, list]:
    """Every pilot's team, owners included: their reminders did not get it done."""
    team = _staff_of_pilots({t.project_id for t in tasks})
    return {t.key: team.get(t.project_id, []) for t in tasks}


def referent_audience(project_ids) -> dict[int, list]:
    """{project_id: the active chargés de mission and C2RA staff of its référent pilot}:
    two queries. They pilot the IC, so they may see it."""
    return _staff_of_pilots(project_ids, referent_only=True)


def _staff_of_pilots(project_ids, *, referent_only=False) -> dict[int, list]:
    """{project_id: the active chargés de mission and C2RA staff of its pilots}: two queries."""
    # one filter(): the IC's pilotage row is the one that must be the référent
    referent = {"organisation__pilotages__is_referent": True} if referent_only else {}
    pairs = set(
        User.objects.filter(
            is_active=True,
            role__in=[Role.CHARGE_MISSION, Role.C2RA],
            organisation__pilotages__project_id__in=project_ids,
            **referent,
        ).values_list("organisation__pilotages__project_id", "pk")
    )
    users = _users({pk for _project, pk in pairs})
    people = defaultdict(list)
    for project_id, pk in sorted(pairs):
        people[project_id].append(users[pk])
    return people


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def _where(task) -> str:
    return _("IC « %(project)s ».") % {"project": task.project_title}


def _due_soon(task, people) -> int:
    title = _("À faire d'ici le %(day)s : %(task)s")
    return _remind(TASK_DUE_SOON, "task-due-soon", title, task, people)


def _overdue(task, people) -> int:
    title = _("En retard (prévu le %(day)s) : %(task)s")
    return _remind(TASK_OVERDUE, "task-overdue", title, task, people)


def _remind(kind, prefix, title, task, people) -> int:
    """One reminder of ``task`` to ``people``; its key makes a re-run send nothing."""
    return len(
        notifications.notify(
            kind=kind,
            recipients=people,
            title=title % {"day": _day(task.due_on), "task": task.title},
            body=_where(task),
            url=task.url,
            key=f"{prefix}:{task.key}:{task.due_on.isoformat()}",
        )
    )


def _escalated(task, people, owners, day) -> int:
    names = ", ".join(
        owners[pk].get_full_name() or owners[pk].get_username()
        for pk in task.assignee_ids
        if pk in owners
    )
    return len(
        notifications.notify(
            kind=TASK_ESCALATED,
            recipients=people,
            title=_("En retard depuis %(days)s jours : %(task)s")
            % {"days": (day - task.due_on).days, "task": task.title},
            body=_where(task)
            + " "
            + _("Prévu le %(day)s, confié à %(who)s.")
            % {"day": _day(task.due_on), "who": names or _("personne")},
            url=task.url,
            key=f"task-escalated:{task.key}:{task.due_on.isoformat()}",
        )
    )
