"""Reading an uploaded spreadsheet into plain rows (XLSX, or CSV sniffed for ; or , in
UTF-8 or cp1252). Formulas are refused, never evaluated: a value a formula would compute
is not the value the DLA typed."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

# As every upload of the site (10 Mo), below the request limit (settings.MAX_REQUEST_BODY_SIZE,
# 12 Mo) so the form, not the 413 page, says it; 50,000 structures take about 3 Mo in XLSX.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000


class FileRefused(ValueError):
    """The whole file is refused; the message says why, in French."""


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list]  # JSON-safe cells: str, int, float or None (dates as ISO strings)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def read(upload) -> Sheet:
    """Read ``upload`` (a Django UploadedFile or any file with ``name`` and ``size``)."""
    if upload.size > MAX_BYTES:
        raise FileRefused(
            _("Fichier trop volumineux (%(size)s Mo) : %(max)s Mo au plus.")
            % {"size": upload.size // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)}
        )
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(upload)
    return _read_csv(upload.read())


def _read_xlsx(upload) -> Sheet:
    try:
        book = load_workbook(upload, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileRefused(_("Ce fichier n'est pas un classeur Excel (.xlsx) lisible.")) from None
    sheet = book.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(), start=1):
        values = []
        for index, cell in enumerate(row, start=1):
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value[:1] == "="):
                ref = f"{get_column_letter(index)}{number}"
                raise FileRefused(
                    _("La cellule %(ref)s contient une formule : remplacez-la par sa valeur "
                      "(copier, puis collage spécial « valeurs »).") % {"ref": ref}
                )
            values.append(_plain(cell.value))
        rows.append(values)
    book.close()
    return _sheet(rows)


BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"MZ", b"\xd0\xcf\x11\xe0")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _decode(content: bytes) -> str:
    """UTF-8 first (Excel's « CSV UTF-8 »), else cp1252 (Excel's plain « CSV »)."""
    if content.startswith(BINARY_MAGIC):
        raise UnicodeDecodeError("magic", content[:4], 0, 4, "binary")
    try:
        textual = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        textual = content.decode("cp1252", errors="strict")
    if CONTROL.search(textual[:4096]):
        raise UnicodeDecodeError("control", content[:4], 0, 4, "binary")
    return textual


def _read_csv(content: bytes) -> Sheet:
    try:
        textual = _decode(content)
    except UnicodeDecodeError:
        raise FileRefused(_("Ce fichier n'est pas un tableur (XLSX ou CSV).")) from None
    first = textual.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    if not first.strip() or (first.count(delimiter) == 0 and len(first) > 200):
        raise FileRefused(_("Ce fichier n'est pas un tableur (XLSX ou CSV)."))
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(textual), delimiter=delimiter), 1):
        for index, value in enumerate(row, start=1):
            if value.startswith("="):
                ref = f"{get_column_letter(index)}{number}"
                raise FileRefused(
                    _("La cellule %(ref)s contient une formule : remplacez-la par sa valeur.")
                    % {"ref": ref}
                )
        rows.append([value.strip() or None for value in row])
    return _sheet(rows)


def _sheet(rows) -> Sheet:
    rows = [row for row in rows if any(v not in (None, "") for v in row)]
    if not rows:
        raise FileRefused(_("Le fichier est vide."))
    if len(rows) > MAX_ROWS + 1:
        raise FileRefused(_("Trop de lignes : %s au plus.") % MAX_ROWS)
    headers = [str(h or "").strip() for h in rows[0]]
    width = len(headers)
    body = [(row + [None] * width)[:width] for row in rows[1:]]
    return Sheet(headers=headers, rows=body)
