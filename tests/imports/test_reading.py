"""The file as a whole: XLSX or CSV (; or , ; UTF-8 or cp1252), size, formulas, garbage."""

import io

import pytest
from openpyxl import Workbook

from imports import reading
from imports.reading import FileRefused

from .files import GOOD_ROWS, csv_bytes, structure_rows, upload, xlsx_bytes


def test_xlsx_is_read_with_its_headers():
    sheet = reading.read(upload(xlsx_bytes(structure_rows(*GOOD_ROWS))))
    assert sheet.headers[:2] == ["Nom", "SIRET"]
    assert sheet.rows[0][0] == "Ressourcerie du Pévèle"
    assert len(sheet.rows) == 3


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_delimiter_and_encoding_are_sniffed(delimiter, encoding):
    content = csv_bytes(structure_rows(*GOOD_ROWS), delimiter=delimiter, encoding=encoding)
    sheet = reading.read(upload(content, "structures.csv"))
    assert sheet.headers[4] == "Département"
    assert sheet.rows[0][0] == "Ressourcerie du Pévèle"
    assert sheet.rows[2][4] == "59 – Nord"


def test_a_formula_cell_is_refused_and_named():
    book = Workbook()
    book.active.append(["Nom", "Salariés"])
    book.active.append(["Ressourcerie", 3])
    book.active.append(["Jardins", "=B2*2"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FileRefused, match="La cellule B3 contient une formule"):
        reading.read(upload(buffer.getvalue()))


def test_a_formula_in_a_csv_is_refused_too():
    content = csv_bytes([["Nom", "Salariés"], ["Jardins", "=1+1"]])
    with pytest.raises(FileRefused, match="La cellule B2 contient une formule"):
        reading.read(upload(content, "s.csv"))


def test_a_30_mb_file_is_refused_before_reading():
    content = b"Nom;SIRET\r\n" + b"x;1\r\n" * (30 * 1024 * 1024 // 5)
    assert len(content) > 30 * 1024 * 1024
    with pytest.raises(FileRefused, match=r"Fichier trop volumineux \(30 Mo\) : 10 Mo au plus"):
        reading.read(upload(content, "gros.csv"))


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
    b"PK\x03\x04 not really a zip",
    b"",
])
def test_what_is_not_a_spreadsheet_is_refused(content):
    with pytest.raises(FileRefused):
        reading.read(upload(content, "structures.xlsx"))


def test_dates_of_a_crafted_file_are_read_or_flagged():
    from datetime import date, datetime

    from imports import cells

    rows = [["Début"], [datetime(2021, 3, 3)], [44258], ["03/03/2021"], ["2021-03-03"],
            ["3 mars 2021"], ["32/01/2021"], ["début mars"]]
    sheet = reading.read(upload(xlsx_bytes(rows)))
    parsed = []
    for (value,) in sheet.rows:
        try:
            parsed.append(cells.a_date(value))
        except cells.CellError as error:
            parsed.append(str(error))
    assert parsed[:5] == [date(2021, 3, 3)] * 5
    assert parsed[5:] == [
        "Date illisible : « 32/01/2021 » (attendu : jj/mm/aaaa, aaaa-mm-jj ou « 3 mars 2021 »).",
        "Date illisible : « début mars » (attendu : jj/mm/aaaa, aaaa-mm-jj ou « 3 mars 2021 »).",
    ]
