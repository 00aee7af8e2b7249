"""Exports of the filtered dashboard: French CSV for Excel, XLSX with real numbers."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import make_user
from tests.cycle.datasets import intervenant_of, known_set, many_ics

CSV = reverse("cycle:export_csv")
XLSX = reverse("cycle:export_xlsx")


@pytest.fixture
def data(charge_mission, other_charge_mission, c2ra_staff):
    return known_set(
        charge_mission=charge_mission,
        other_charge_mission=other_charge_mission,
        c2ra_staff=c2ra_staff,
    )


def read_csv(response):
    content = response.content
    assert content.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_french_headings_decimals_and_dates(client, data, admin_user):
    client.force_login(admin_user)
    response = client.get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ingenieries-')
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("Intitulé;Pilote référent;Pilotes;Étape;Sous-phase;Type d'IC")
    rows = {row["Intitulé"]: row for row in read_csv(response)}
    d = rows["Réseau environnement et patrimoine"]
    assert d["Budget (€ TTC)"] == "23824,32"
    assert d["Nombre de jours"] == "24,0"
    assert d["Date de lancement"] == "02/05/2007"
    assert d["Étape"] == "Clôturée"
    assert d["Structures engagées"] == "2"
    assert d["Prestataires"] == "Cabinet Beta"
    assert d["Secteurs"] == "Environnement, Patrimoine local"
    b = rows["Éclairage fiscal des recycleries"]
    assert (b["Étape"], b["Sous-phase"]) == ("Engager", "Définir des objectifs partagés")
    assert b["Nombre de jours"] == "9,5"
    assert b["Pilote référent"] == "DLA du Nord"


def test_csv_applies_the_filters_and_the_role(client, data, admin_user, c2ra_staff):
    client.force_login(admin_user)
    rows = read_csv(client.get(CSV, {"ic_type": "solution_partagee"}))
    assert {row["Intitulé"] for row in rows} == {
        "Consolider l'offre d'insertion", "Réseau environnement et patrimoine",
    }
    client.force_login(c2ra_staff)  # région 32: not C, piloted from Gironde
    rows = read_csv(client.get(CSV, {"ic_type": "solution_partagee"}))
    assert [row["Intitulé"] for row in rows] == ["Réseau environnement et patrimoine"]


def test_xlsx_has_headings_numbers_and_dates(client, data, charge_mission):
    client.force_login(charge_mission)
    response = client.get(XLSX, {"year": "2005"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headings = rows[0]
    assert headings[:3] == ("Intitulé", "Pilote référent", "Pilotes")
    assert len(rows) == 2  # the year filter kept B only
    row = dict(zip(headings, rows[1], strict=True))
    assert row["Intitulé"] == "Éclairage fiscal des recycleries"
    assert row["Budget (€ TTC)"] == 11302
    assert isinstance(row["Budget (€ TTC)"], (int, float))
    assert Decimal(str(row["Nombre de jours"])) == Decimal("9.5")
    assert row["Date de lancement"] == datetime.datetime(2005, 9, 15)
    budget_cell = sheet.cell(row=2, column=headings.index("Budget (€ TTC)") + 1)
    assert "€" in budget_cell.number_format
    date_cell = sheet.cell(row=2, column=headings.index("Date de lancement") + 1)
    assert date_cell.number_format == "DD/MM/YYYY"


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_intervenant_gets_403(client, data, url):
    client.force_login(intervenant_of(data["alpha"], "interv", make_user))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_anonymous_is_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# session and user (2), the export (1 + 3 prefetches); the session is not written
# again (its expiry is pushed back once a minute at most, dla_ic.middleware)
EXPORT_QUERIES = 6


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_export_queries_do_not_grow(client, charge_mission, django_assert_num_queries, url):
    client.force_login(charge_mission)
    client.get(reverse("cycle:home"))  # the session's first expiry push
    for total, new in ((5, 5), (50, 45)):
        many_ics(new, by=charge_mission, start=total - new)
        with django_assert_num_queries(EXPORT_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
        if url == CSV:
            assert len(read_csv(response)) == total


def test_a_title_is_never_run_as_a_formula(client, charge_mission, project_factory):
    project_factory(title="=HYPERLINK(\"http://exemple.org\")")
    client.force_login(charge_mission)
    rows = read_csv(client.get(CSV))
    assert rows[0]["Intitulé"] == "'=HYPERLINK(\"http://exemple.org\")"
    sheet = load_workbook(io.BytesIO(client.get(XLSX).content)).active
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=1).value == "=HYPERLINK(\"http://exemple.org\")"
