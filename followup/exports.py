"""The IC's indicators as CSV (the app's dialect: ``;``, UTF-8 with BOM, decimal comma): one
line per structure and indicator, a missing year left empty with its status beside it."""

import csv
from io import StringIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .vocabulary import Year

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """A name a spreadsheet would run as a formula is kept as text."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _number(value) -> str:
    return "" if value is None else str(value).replace(".", ",")


def indicators_csv(project, questionnaires) -> HttpResponse:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([
        _("Structure"), _("Indicateur"), "N", "N+1", "N+2", _("Évolution N → N+2"),
        _("Remarque"),
    ])
    for name, changes in selectors.indicator_rows(questionnaires):
        for change in changes:
            delta = change.delta
            writer.writerow([
                _text(name), change.label,
                *(_number(change.values[year]) for year in Year),
                _number(delta),
                "" if delta is not None else change.delta_text,
            ])
    content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    name = f"suivi-ic-{project.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
