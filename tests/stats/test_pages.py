"""The statistics page, its filters and scope, each figure's exports, the national workbook."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cycle import services
from cycle.vocabulary import ICType
from stats.figures import FIGURES
from tests.cycle.datasets import commit, structure, tranche
from tests.cycle.factories import ProjectFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("stats:statistics")


def figure(response, key):
    return next(item for item in response.context["figures"] if item["figure"].key == key)


def reach(response) -> list[str]:
    """The « Structures touchées » row as the page writes it."""
    return [cell["text"] for cell in figure(response, "structures")["rows"][0]]


def test_c2ra_staff_see_their_region_only(client, known, c2ra_staff):
    client.force_login(c2ra_staff)
    response = client.get(PAGE)
    assert reach(response)[:2] == ["3", "3"]  # A, B, C; not D (Nouvelle-Aquitaine)
    assert "region" not in response.context["filterset"].form.fields
    # A region in the URL changes nothing for them.
    assert reach(client.get(PAGE, {"region": "75"}))[:2] == ["3", "3"]


def test_admins_see_every_region_and_filter_by_one(client, known, admin_user):
    client.force_login(admin_user)
    assert reach(client.get(PAGE))[:2] == ["4", "4"]
    assert reach(client.get(PAGE, {"region": "75"}))[:2] == ["1", "1"]


@pytest.mark.parametrize(
    ("query", "ics"),
    [
        ({"year": "2025"}, "2"),
        ({"year": "2025", "ic_type": ICType.COLLECTIVE_RESPONSE}, "1"),
        ({"sector": "insertion"}, "1"),
        ({"ic_type": ICType.SHARED_SOLUTION}, "1"),
    ],
)
def test_filters(client, known, c2ra_staff, query, ics):
    client.force_login(c2ra_staff)
    assert reach(client.get(PAGE, query))[0] == ics


def test_the_dla_filter(client, known, admin_user, other_dla):
    client.force_login(admin_user)
    assert reach(client.get(PAGE, {"organisation": other_dla.pk}))[0] == "1"


def test_a_bad_year_is_told_and_kept(client, known, c2ra_staff):
    client.force_login(c2ra_staff)
    response = client.get(PAGE, {"year": "deux-mille"})
    assert response.status_code == 200
    assert response.context["filterset"].form.errors["year"]
    assert reach(response)[0] == "0"
    assert 'value="deux-mille"' in response.content.decode()


def test_each_chart_is_svg_beside_its_table(client, known, c2ra_staff):
    client.force_login(c2ra_staff)
    content = client.get(PAGE).content.decode()
    main = content.split("<main", 1)[-1].split("</main>", 1)[0]  # not the navbar's icons
    assert main.count("<svg") == sum(1 for f in FIGURES if f.chart is not None)
    assert "<script" not in main
    assert 'class="stats-bar"' in content
    for f in FIGURES:
        assert reverse("stats:figure_csv", args=[f.key]) in content


def test_no_figure_names_a_charge_de_mission(client, known, admin_user, charge_mission):
    client.force_login(admin_user)
    content = client.get(PAGE).content.decode()
    assert charge_mission.get_full_name() == "Claire Martin"
    assert "Claire Martin" not in content


def test_csv_export_of_a_figure_keeps_the_filters(client, known, c2ra_staff):
    client.force_login(c2ra_staff)
    response = client.get(reverse("stats:figure_csv", args=["types"]), {"year": "2024"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][:3] == ["Type d'IC", "IC", "Budget (€ TTC)"]
    assert lines[1:] == [
        [
            str(ICType.COLLECTIVE_RESPONSE.label),
            "1",
            "12000,00",
            "12,0",
            "2",
            "6000,00",
            "1000,00",
        ]
    ]


def test_xlsx_export_of_a_figure(client, known, c2ra_staff):
    client.force_login(c2ra_staff)
    response = client.get(reverse("stats:figure_xlsx", args=["motifs"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Nature", "Motif", "Nombre"],
        ["Abandonnée", "Plus de porteur", 1],
        ["Suspendue", "Financement en attente", 2],
    ]


def test_an_unknown_figure_is_not_found(client, c2ra_staff):
    client.force_login(c2ra_staff)
    assert client.get(reverse("stats:figure_csv", args=["inconnue"])).status_code == 404


def test_national_workbook_has_each_region_of_the_year(client, known, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("stats:national"), {"year": "2024"})
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == len(FIGURES)
    reached = book[book.sheetnames[[f.key for f in FIGURES].index("structures")]]
    rows = {row[0]: row[1:] for row in reached.iter_rows(min_row=2, values_only=True)}
    assert rows["Hauts-de-France"][:3] == (1, 2, 12000)  # A
    assert rows["Nouvelle-Aquitaine"][:3] == (1, 1, 99999)  # D
    assert rows["Bretagne"][:2] == (0, 0)
    assert reached.cell(1, 1).value == "Région"


def test_national_workbook_refuses_a_bad_year(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("stats:national"), {"year": "abc"})
    assert response.status_code == 400
    assert "année" in response.content.decode()


def _more(charge_mission, count):
    for index in range(count):
        project = ProjectFactory(
            by=charge_mission,
            title=f"IC {index}",
            ic_type=ICType.SHARED_SOLUTION,
            sectors=["culture"],
        )
        tranche(project, "100", "1")
        commit(project, structure(f"Autre {index}"))


def test_queries_do_not_grow_with_the_ics(client, known, c2ra_staff, charge_mission):
    client.force_login(c2ra_staff)
    client.get(PAGE)
    cache.clear()  # computed, not read from the cache
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    _more(charge_mission, 5)
    client.get(PAGE)  # the DLA list is cached until a pilot is added: warm it again
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(PAGE)
    assert len(many) == len(few)
    cache.clear()
    with CaptureQueriesContext(connection) as export:
        client.get(reverse("stats:figure_xlsx", args=["types"]))
    assert len(export) <= 10


def test_figures_are_cached_until_an_ic_moves(client, known, c2ra_staff, charge_mission):
    client.force_login(c2ra_staff)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as cached:
        response = client.get(PAGE)
    assert len(cached) <= 8
    assert figure(response, "motifs")["rows"][0][1]["text"] == "Plus de porteur"
    services.abandon(known["A"], by=charge_mission, reason="Fin du financement")
    rows = figure(client.get(PAGE), "motifs")["rows"]
    assert [row[1]["text"] for row in rows][:2] == ["Fin du financement", "Plus de porteur"]


def test_the_theme_chart_names_its_bars_by_theme(client, known, c2ra_staff):
    client.force_login(c2ra_staff)
    chart = str(figure(client.get(PAGE), "themes")["chart"])
    assert "Connaître le marché" in chart
    assert "Développement de projets" not in chart
