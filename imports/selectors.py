"""Read side: the preview of an import, computed by the engine that will run it."""

from . import planning
from .kinds import KINDS

PREVIEW_ROWS = 300  # rows shown on the page (errors first); the counts cover them all


def preview(job):
    """(kind, plan, shown rows): each shown row with its raw cells and their messages."""
    kind = KINDS[job.kind]
    plan = planning.plan(kind, job.rows, job.mapping, job.user)
    shown = sorted(plan.rows, key=lambda row: row.action != planning.Action.ERROR)
    return kind, plan, [_shown(kind, job, row) for row in shown[:PREVIEW_ROWS]]


def _shown(kind, job, row):
    raw = job.rows[row.number - planning.FIRST_DATA_ROW]
    cells = []
    for column in kind.columns:
        index = job.mapping.get(column.field)
        value = raw[index] if index is not None and index < len(raw) else None
        cells.append(("" if value is None else value, row.errors.get(str(column.header))))
    action = planning.Action(row.action)
    return {"plan": row, "cells": cells, "label": action.label,
            "tone": planning.ACTION_TONES[action]}
