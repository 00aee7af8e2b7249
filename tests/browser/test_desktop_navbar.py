"""On a 1366 px laptop, the bar holds every entry of the widest menu (the administrator's)
on one line each: « Tableau de bord » was broken in two, « Se déconnecter » too."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 1200])
def test_each_navbar_entry_holds_on_one_line(page, login, live_server, artifacts, width):
    call_command("load_demo", stdout=StringIO())
    page.set_viewport_size({"width": width, "height": 768})
    login(page, "admin", "demo-dla-2026")
    page.goto(f"{live_server.url}/notifications/", wait_until="networkidle")

    entries = page.locator("nav.navbar .nav-link, nav.navbar .btn")
    heights = entries.evaluate_all("es => es.map(e => e.getBoundingClientRect().height)")
    tallest_single_line = 44  # a link is 40 px high on one line, 64 on two
    assert len(heights) >= 9 and max(heights) <= tallest_single_line
    assert page.evaluate("document.documentElement.scrollWidth") == width
    page.screenshot(path=artifacts / f"navbar_admin_{width}.png")
