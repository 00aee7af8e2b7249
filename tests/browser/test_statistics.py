"""C2RA staff filter their region's statistics to a year and a type, read a chart and its
table, and download a figure as CSV, in a real Chromium."""

import pytest
from playwright.sync_api import expect

from cycle.vocabulary import ICType
from tests.stats import dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_c2ra_staff_filter_the_statistics_and_export_a_figure(
    page, login, live_server, artifacts, charge_mission, other_charge_mission, c2ra_staff
):
    dataset.build(charge_mission=charge_mission, other_charge_mission=other_charge_mission)
    login(page, "c2ra")
    page.get_by_role("link", name="Statistiques").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistiques")

    page.get_by_label("Année de lancement", exact=True).fill("2025")
    page.get_by_label("Type d'IC", exact=True).select_option(ICType.SHARED_SOLUTION)
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    assert "year=2025" in page.url and f"ic_type={ICType.SHARED_SOLUTION}" in page.url

    types = page.locator("section#types")
    expect(types.locator("svg.stats-chart")).to_be_visible()
    table = types.get_by_role("table")
    expect(table.get_by_role("rowheader")).to_have_count(1)
    expect(table.get_by_role("rowheader")).to_have_text(str(ICType.SHARED_SOLUTION.label))
    reached = page.locator("section#structures").get_by_role("table")
    expect(reached.locator("tbody td").first).to_have_text("2")  # B's S2 and S3
    page.screenshot(path=artifacts / "statistics_filtered.png", full_page=True)

    with page.expect_download() as download:
        types.get_by_role("link", name="CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    lines = text.splitlines()
    assert lines[0].startswith("Type d'IC;IC;Budget")
    assert lines[1:] == [f"{ICType.SHARED_SOLUTION.label};1;6000,00;4,0;2;3000,00;1500,00"]
