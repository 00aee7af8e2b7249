"""« Mes tâches » in a real Chromium: an overdue item is shown, ticked there, and gone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.agenda.helpers import due

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_overdue_item_is_ticked_from_my_tasks_and_disappears(
    page, login, live_server, charge_mission, project, artifacts
):
    item = due(project, timezone.localdate() - timedelta(days=3))

    login(page, "cm")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Mes tâches").click()
    overdue = page.locator("[data-bucket=overdue]")
    expect(overdue).to_contain_text(item.label)
    expect(overdue).to_contain_text(project.title)
    page.screenshot(path=artifacts / "my-tasks-overdue.png", full_page=True)

    overdue.get_by_role("button", name=f"Cocher « {item.label} » : Fait").click()

    expect(page.locator(f"[data-task='checklist:{item.pk}']")).to_have_count(0)
    expect(page.get_by_text("Aucune tâche datée ne vous attend.")).to_be_visible()
    item.refresh_from_db()
    assert item.done and item.done_by == charge_mission
    page.screenshot(path=artifacts / "my-tasks-done.png", full_page=True)
