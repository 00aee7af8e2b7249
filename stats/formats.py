"""A figure's cell shown on the page, written to a CSV and to an XLSX, by its column's kind."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.functional import Promise

from cycle.dashboard_columns import DAYS, INTEGER, MONEY
from cycle.exports import XLSX_FORMATS as DASHBOARD_FORMATS
from cycle.exports import csv_text, xlsx_value

from .figures import PERCENT, YEAR

PLACES = {MONEY: 2, DAYS: 1, PERCENT: 1, INTEGER: 0}
UNITS = {MONEY: " €", PERCENT: " %"}
XLSX_FORMATS = {**DASHBOARD_FORMATS, PERCENT: '0.0\\ "%"', YEAR: "0"}


def shown(value, kind: str) -> str:
    """The page's cell: French number formats, « – » for no value."""
    if value is None or value == "":
        return "–"
    if kind in PLACES:
        text = number_format(Decimal(value), PLACES[kind], force_grouping=True)
        return text + UNITS.get(kind, "")
    return str(value)


def csv_cell(value, kind: str) -> str:
    if kind == PERCENT:
        kind = DAYS  # one decimal, a decimal comma
    return csv_text(value, kind)


def xlsx_cell(value, kind: str):
    if isinstance(value, Promise):  # a label of the vocabulary, translated now
        value = str(value)
    if kind == PERCENT:
        kind = DAYS
    return xlsx_value(value, kind)
