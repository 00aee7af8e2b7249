"""A colleague suspends an IC: the chargée de mission sees it in the bell, opens the list,
marks it read and the count drops; the centre fits a phone."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from cycle import services as cycle
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def told(charge_mission, dla):
    colleague = make_user("cm-b", Role.CHARGE_MISSION, dla)
    project = cycle.create_project(by=charge_mission, title="IC des épiceries solidaires")
    cycle.suspend(project, by=colleague, reason="En attente du financeur")
    cycle.resume(project, by=colleague)
    return project


def bell(page):
    return page.get_by_role("link", name="Notifications", exact=False).first


def test_the_bell_the_list_and_marking_read(page, login, live_server, artifacts, told):
    login(page, "cm")
    expect(page.locator("#notifications-count")).to_have_text("2 notifications non lues")

    bell(page).click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    rows = page.locator("li.list-group-item")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("IC des épiceries solidaires")
    page.screenshot(path=artifacts / "notifications-list.png", full_page=True)

    rows.first.get_by_role("button", name="Marquer comme lue").click()
    expect(rows.first.get_by_role("button", name="Marquer comme lue")).to_have_count(0)
    expect(page.locator("#notifications-count")).to_have_text("1 notification non lue")
    page.reload()
    expect(page.locator("#notifications-count")).to_have_text("1 notification non lue")

    page.get_by_role("button", name="Tout marquer comme lu").click()
    expect(page.get_by_text("Aucune notification non lue.")).to_be_visible()
    expect(page.locator("#notifications-count")).to_have_count(0)


def test_the_centre_fits_a_phone(page, login, live_server, artifacts, told):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "cm")
    for path, shot in (("/notifications/", "list"), ("/notifications/preferences/", "prefs")):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        expect(page.locator("#notifications-count")).to_be_visible()  # the bell stays in view
        assert page.evaluate("document.documentElement.scrollWidth") == 390
        page.screenshot(path=artifacts / f"notifications-phone-{shot}.png", full_page=True)


CONTRAST = """e => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const row = e.closest("li");
  const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(rgb(getComputedStyle(row).backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_an_unread_rows_title_and_button_are_readable(page, login, live_server, told):
    """On the pale blue of an unread row, Bootstrap's link blue (3.4:1) and grey outline
    button (3.6:1) fell below the 4.5:1 that WCAG AA asks for text."""
    login(page, "cm")
    page.goto(f"{live_server.url}/notifications/")
    row = page.locator("li.list-group-item").first
    title, button = row.locator("a").first, row.get_by_role("button", name="Marquer comme lue")

    ratios = {"title": title.evaluate(CONTRAST), "button": button.evaluate(CONTRAST)}

    assert min(ratios.values()) >= 4.5, ratios
