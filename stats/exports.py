"""A figure as CSV or XLSX, and the national workbook: the year's figures per region.

Their headings, values and formats come from the figures' declarations (stats.figures);
the CSV is the dashboard's dialect (``;``, UTF-8 with BOM, decimal comma).
"""

import csv
import re
from io import BytesIO, StringIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cycle.dashboard_columns import TEXT

from .figures import Column
from .formats import XLSX_FORMATS, csv_cell, xlsx_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _name(stem: str, extension: str) -> str:
    return f"statistiques-{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(figure, rows) -> HttpResponse:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(c.label) for c in figure.columns])
    for row in rows:
        writer.writerow([csv_cell(v, c.kind) for v, c in zip(row, figure.columns, strict=True)])
    content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return _attachment(content, "text/csv; charset=utf-8", _name(figure.key, "csv"))


def _sheet(workbook, title: str, columns, rows) -> None:
    sheet = workbook.create_sheet(re.sub(r"[\\/?*\[\]:]", "-", title)[:31])
    sheet.append([str(c.label) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_cell(v, c.kind) for v, c in zip(row, columns, strict=True)])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a reason starting with "=": keep it a text
                cell.data_type = "s"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.kind in XLSX_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = XLSX_FORMATS[column.kind]
    sheet.freeze_panes = "A2"


def _workbook_bytes(sheets) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows in sheets:
        _sheet(workbook, title, columns, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(figure, rows) -> HttpResponse:
    content = _workbook_bytes([(str(figure.title), figure.columns, rows)])
    return _attachment(content, XLSX_TYPE, _name(figure.key, "xlsx"))


def national_response(year: int, per_region) -> HttpResponse:
    """``per_region``: (figure, [(region name, rows)]) for each figure; one sheet per
    figure, its rows prefixed with their region."""
    region = Column(_("Région"), TEXT, 28)
    sheets = [
        (
            str(figure.title),
            (region, *figure.columns),
            [(name, *row) for name, rows in regions for row in rows],
        )
        for figure, regions in per_region
    ]
    return _attachment(_workbook_bytes(sheets), XLSX_TYPE, _name(f"nationales-{year}", "xlsx"))
