"""Phases declared once (issue 21), in a real Chromium: the chargée de mission adds them in
place on the IC's page; the invited firm finds them in its offer form, still editable."""

import pytest
from playwright.sync_api import expect

from cycle.models import PlannedPhase
from tests.tenders.conftest import (  # noqa: F401 (fixtures)
    alpha,
    alpha_user,
    beta,
    beta_user,
    issued,
    open_call,
    private_root,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ic_planned_phases_are_proposed_in_the_offer(
    page, login, live_server, artifacts, open_call  # noqa: F811
):
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{open_call.project_id}/")
    page.evaluate("window.__sameDocument = true")
    section = page.locator("#phases-prevues")
    for title, days in (("Diagnostic partagé", "2,5"), ("Ateliers collectifs", "")):
        if not section.locator("details").evaluate("details => details.open"):
            section.get_by_text("Ajouter une phase").click()  # after an add, it stays open
        section.locator("[name='phase-title']").fill(title)
        section.locator("[name='phase-days']").fill(days)
        with page.expect_response(lambda r: "/phases/" in r.url and r.request.method == "POST"):
            section.get_by_role("button", name="Ajouter la phase").click()
        expect(page.locator("#phases-prevues table")).to_contain_text(title)
    assert page.evaluate("window.__sameDocument") is True  # added in place, no reload
    assert list(PlannedPhase.objects.values_list("title", flat=True)) == [
        "Diagnostic partagé", "Ateliers collectifs",
    ]

    login(page, "interv")
    page.goto(f"{live_server.url}/appels-d-offres/{open_call.pk}/offre/")
    expect(page.get_by_test_id("phases-proposed")).to_be_visible()
    expect(page.locator("input[name='phases-0-title']")).to_have_value("Diagnostic partagé")
    expect(page.locator("input[name='phases-0-days']")).to_have_value("2,5")
    expect(page.locator("input[name='phases-1-title']")).to_have_value("Ateliers collectifs")
    page.locator("input[name='phases-1-title']").fill("Trois ateliers")  # still editable
    expect(page.locator("input[name='phases-1-title']")).to_have_value("Trois ateliers")
    page.screenshot(path=str(artifacts / "offer_planned_phases.png"), full_page=True)
