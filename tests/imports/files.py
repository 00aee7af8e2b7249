"""Spreadsheets built by hand for the tests (never by the product's template writer)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.directory.factories import valid_siret

STRUCTURE_HEADERS = ["Nom", "SIRET", "Forme juridique", "Secteur", "Département", "Salariés"]
SIRET_A, SIRET_B, SIRET_C = valid_siret(101), valid_siret(102), valid_siret(103)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, delimiter=";", encoding="utf-8") -> bytes:
    lines = [delimiter.join("" if v is None else str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def upload(content: bytes, name="structures.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def structure_rows(*rows):
    return [STRUCTURE_HEADERS, *rows]


GOOD_ROWS = [
    ["Ressourcerie du Pévèle", SIRET_A, "Association loi 1901", "Déchets et réemploi", "59", 12],
    ["Jardins de Cocagne", SIRET_B, "aci", "INSERTION PAR L'ACTIVITE ECONOMIQUE", "Nord", 25],
    ["Compagnie des Chênes", "", "SCOP", "culture", "59 – Nord", None],
]
