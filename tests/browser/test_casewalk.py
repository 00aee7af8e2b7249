"""The counter of the whole-case walk (casewalk.py) sorts what it sees: ticks apart from
submissions, the login apart, and a request to /admin/ refused and recorded."""

import pytest
from playwright.sync_api import Error, expect

from tests.browser.casewalk import Submissions, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_counter_sorts_ticks_submissions_logins_and_refuses_the_admin(
    page, login, live_server, project, charge_mission
):
    counter = Submissions().watch(page.context)
    counter.step("connexion")
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")

    counter.step("cocher")
    first = page.locator("#checklist > li").first
    first.locator("input[name=done]").check()
    expect(page.locator("#checklist > li").first).to_contain_text("Coché par")
    settle(page)
    counter.step("passer")
    page.get_by_role("button", name="Passer à « Cibler les structures bénéficiaires »").click()
    expect(page.get_by_role("alert").filter(has_text="Transition refusée")).to_be_visible()
    counter.step("admin")
    with pytest.raises(Error):
        page.goto(f"{live_server.url}/admin/")

    assert (counter.logins, counter.ticks, counter.submissions) == (1, 1, 1)
    assert [(step, kind) for step, kind, _path in counter.log] == [
        ("connexion", "connexion"), ("cocher", "coche"), ("passer", "envoi"),
    ]
    assert counter.admin_hits == ["/admin/"]
    assert "Envois de formulaires : 1 · coches : 1" in counter.report()
