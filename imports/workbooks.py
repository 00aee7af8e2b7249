"""Templates generated from the kind declarations: the headers, a sheet of the accepted
values, and either example rows (the template) or the base's rows (an export that imports
back unchanged)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from accounts.models import Role
from directory.territories import DEPARTEMENTS, REGIONS
from directory.vocabulary import SECTORS, LegalForm, PartnerKind

VOCABULARIES = (
    ("Secteur", lambda: [str(label) for label in SECTORS.values()]),
    ("Forme juridique", lambda: [str(label) for _code, label in LegalForm.choices]),
    ("Type de partenaire", lambda: [str(label) for _code, label in PartnerKind.choices]),
    ("Département", lambda: [f"{code} – {name}" for code, (name, _r) in DEPARTEMENTS.items()]),
    ("Rôle", lambda: [str(label) for _code, label in Role.choices]),
    ("Région", lambda: [str(name) for name in REGIONS.values()]),
)


def _header_row(sheet, kind):
    sheet.append([str(c.header) + (" *" if c.required else "") for c in kind.columns])
    for index, column in enumerate(kind.columns, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)


def _book(kind, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(kind.label)[:31]
    _header_row(sheet, kind)
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
    values = book.create_sheet("Valeurs acceptées")
    for index, (title, listing) in enumerate(VOCABULARIES, start=1):
        values.cell(row=1, column=index, value=title).font = Font(bold=True)
        for number, label in enumerate(listing(), start=2):
            values.cell(row=number, column=index, value=label)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template(kind) -> bytes:
    return _book(kind, kind.examples)


def export(kind, queryset) -> bytes:
    """The base's rows in the template's shape (the round trip of an import)."""
    return _book(kind, ([c.export(o) for c in kind.columns] for o in queryset))

