"""The whole loop in Chromium: a task falls overdue, the job tells its owner, who sees it in
the bell and in « Mes tâches », ticks it there, and it is gone."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.agenda.helpers import due

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_overdue_task_is_told_seen_ticked_and_gone(
    page, login, live_server, charge_mission, project, artifacts, mailoutbox
):
    charge_mission.email = "claire@dla-nord.example.org"
    charge_mission.save()
    item = due(project, timezone.localdate() - timedelta(days=1))

    call_command("send_reminders")  # what the timer runs each day
    assert [m.to for m in mailoutbox] == [[charge_mission.email]]
    assert "En retard" in mailoutbox[0].subject

    login(page, "cm")
    expect(page.locator("#notifications-count")).to_have_text("1 notification non lue")
    page.get_by_role("link", name="Notifications", exact=False).first.click()
    notice = page.locator("li.list-group-item")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("En retard (prévu le")
    expect(notice).to_contain_text(item.label)
    page.screenshot(path=artifacts / "reminder-bell-list.png", full_page=True)

    page.get_by_role("link", name="Mes tâches").first.click()
    overdue = page.locator("[data-bucket=overdue]")
    expect(overdue).to_contain_text(item.label)
    page.screenshot(path=artifacts / "reminder-my-tasks.png", full_page=True)
    overdue.get_by_role("button", name=f"Cocher « {item.label} » : Fait").click()

    expect(page.locator(f"[data-task='checklist:{item.pk}']")).to_have_count(0)
    expect(page.get_by_text("Aucune tâche datée ne vous attend.")).to_be_visible()
    page.screenshot(path=artifacts / "reminder-ticked.png", full_page=True)
    item.refresh_from_db()
    assert item.done and item.done_by == charge_mission
    call_command("send_reminders")  # done: nothing more to say
    assert len(mailoutbox) == 1
