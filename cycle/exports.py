"""The filtered dashboard as CSV and XLSX files that Excel in a French locale opens as is.

Their columns (headings, values, formats) are the dashboard's (cycle.dashboard_columns).

CSV: ``;`` separator, UTF-8 with a byte-order mark, decimal comma, dd/mm/yyyy.
XLSX: real numbers and dates, with French number formats.
"""

import csv
import datetime
from decimal import Decimal
from io import BytesIO, StringIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dla_ic.inputs import without_controls

from .dashboard_columns import DATE, DAYS, EXPORT_COLUMNS, INTEGER, MONEY

XLSX_FORMATS = {
    INTEGER: "0",
    MONEY: '#,##0.00\\ "€"',
    DAYS: "0.0",
    DATE: "DD/MM/YYYY",
}


def _filename(extension: str) -> str:
    return f"ingenieries-collectives-{timezone.localdate():%Y-%m-%d}.{extension}"


# --- CSV


def csv_text(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind in (MONEY, DAYS):
        places = 2 if kind == MONEY else 1
        return f"{Decimal(value):.{places}f}".replace(".", ",")
    if kind == DATE:
        return value.strftime("%d/%m/%Y")
    return neutralised(without_controls(str(value)))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """A text a spreadsheet would run as a formula is shown as text (OWASP CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_bytes(projects) -> bytes:
    cols = EXPORT_COLUMNS
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([str(c.heading) for c in cols])
    for project in projects:
        writer.writerow([csv_text(c.value(project), c.kind) for c in cols])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_response(projects) -> HttpResponse:
    response = HttpResponse(csv_bytes(projects), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


# --- XLSX


def xlsx_value(value, kind: str):
    if value is None or value == "":
        return None
    if kind in (MONEY, DAYS):
        return Decimal(value)  # a number cell; its format shows the decimals
    if kind == DATE and isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    if isinstance(value, str):  # text stored before the forms stripped them: XML refuses them
        return without_controls(value)
    return value


def xlsx_bytes(projects) -> bytes:
    cols = EXPORT_COLUMNS
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ingénieries collectives")[:31]
    sheet.append([str(c.heading) for c in cols])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for project in projects:
        sheet.append([xlsx_value(c.value(project), c.kind) for c in cols])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a text starting with "=": keep it a text
                cell.data_type = "s"
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind in XLSX_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = XLSX_FORMATS[column.kind]
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(projects) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(projects),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
