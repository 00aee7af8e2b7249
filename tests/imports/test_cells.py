"""Cell parsers: odd dates, vocabularies matched without accents nor case, SIRET keys."""

from datetime import date, datetime

import pytest

from imports import cells
from tests.directory.factories import valid_siret


@pytest.mark.parametrize("raw", [
    "03/03/2021", "3/3/2021", "03.03.2021", "2021-03-03", "2021-03-03T00:00:00", "44258",
    44258, 44258.0, "3 mars 2021", "3 MARS 2021", "3 Mars 2021",
    datetime(2021, 3, 3, 10, 0), date(2021, 3, 3),
])
def test_dates_in_odd_formats_are_read(raw):
    assert cells.a_date(raw) == date(2021, 3, 3)


def test_first_of_the_month():
    assert cells.a_date("1er avril 2020") == date(2020, 4, 1)


@pytest.mark.parametrize("raw", ["31/02/2021", "mars 2021", "03/2021", "3 brumaire 2021", "hier"])
def test_unreadable_dates_are_flagged_in_french(raw):
    with pytest.raises(cells.CellError, match="Date illisible"):
        cells.a_date(raw)


@pytest.mark.parametrize("raw", ["59", "Nord", "NORD", "59 – Nord", "59 - Nord", 59, "59.0"])
def test_departement_by_code_or_name(raw):
    assert cells.departement(raw) == "59"


def test_departement_accents_and_leading_zero():
    assert cells.departement("finistere") == "29"
    assert cells.departement("Côtes d'Armor") == "22"
    assert cells.departement("1") == "01"
    assert cells.departement("2a") == "2A"
    with pytest.raises(cells.CellError, match="Département inconnu : « Atlantide »"):
        cells.departement("Atlantide")


def test_sector_by_code_or_label_without_accents():
    assert cells.sector("dechets-reemploi") == "dechets-reemploi"
    assert cells.sector("DÉCHETS ET RÉEMPLOI") == "dechets-reemploi"
    assert cells.sector("education a l'environnement") == "education-environnement"
    with pytest.raises(cells.CellError, match="Secteur inconnu : « Aéronautique »"):
        cells.sector("Aéronautique")


def test_siret_spaces_and_excel_numbers_then_key():
    good = valid_siret(7)
    assert cells.siret(f"{good[:3]} {good[3:6]} {good[6:9]} {good[9:]}") == good
    assert cells.siret(float(good)) == good
    with pytest.raises(cells.CellError, match="clé de contrôle"):
        cells.siret(good[:-1] + str((int(good[-1]) + 1) % 10))
    with pytest.raises(cells.CellError, match="14 chiffres"):
        cells.siret("1234")
