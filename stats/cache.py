"""The figures' rows, cached: at national scale they take a second to compute.

A figure is recomputed when an IC is saved or changes state (the version below), and
at the latest after ``TTL`` (a budget line, a participation or an offer changed).
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from cycle.models import Project
from workflows.models import TransitionLog

TTL = 300


def version() -> str:
    """What changes when an IC is created, saved or moves: two indexed aggregates."""
    projects = Project.objects.order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    logs = TransitionLog.objects.order_by().aggregate(last=Max("pk"))
    return f"{projects['n']}:{projects['last']}:{logs['last']}"


def key_of(figure, scope: str, filters: dict, current: str) -> str:
    chosen = sorted((name, str(getattr(value, "pk", value))) for name, value in filters.items())
    digest = hashlib.sha256(repr((scope, chosen, current)).encode()).hexdigest()[:32]
    return f"stats:{figure.key}:{digest}"


def rows_of(figures, ids, *, scope: str, filters: dict) -> dict:
    """{figure key: rows}, read from the cache or computed and stored."""
    current = version()
    keys = {figure.key: key_of(figure, scope, filters, current) for figure in figures}
    found = cache.get_many(list(keys.values()))
    rows, missing = {}, {}
    for figure in figures:
        if keys[figure.key] in found:
            rows[figure.key] = found[keys[figure.key]]
        else:
            rows[figure.key] = missing[keys[figure.key]] = figure.rows(ids)
    if missing:
        cache.set_many(missing, TTL)
    return rows
