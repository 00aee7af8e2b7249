"""At 390 px (a phone), no page of a chargée de mission's day scrolls sideways: the IC page
in every tab, the board and the table; the cycle shows four readable stages."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cycle.models import Project
from cycle.states import State
from directory.models import Prestataire
from library.models import LibraryEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TABS = ("presentation", "objectifs", "budget", "acteurs", "comites", "capitalisation", "historique")


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE}


@pytest.fixture
def demo_day(page, login):
    call_command("load_demo", stdout=StringIO())
    login(page, "claire", "demo-dla-2026")
    return page


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_ic_page_fits_a_phone_in_every_tab(demo_day, live_server):
    page = demo_day
    project = Project.objects.filter(state=State.PROJET).first()
    assert project.participations.exists() and project.partnerships.exists()
    widths = {}
    for tab in TABS:
        page.goto(f"{live_server.url}{project.get_absolute_url()}?onglet={tab}")
        page.wait_for_load_state("networkidle")
        widths[tab] = page_width(page)

    assert widths == dict.fromkeys(TABS, PHONE["width"])


def test_the_cycle_shows_four_readable_stages_on_a_phone(demo_day, live_server):
    page = demo_day
    project = Project.objects.get(state=State.SUSPENDED)
    page.goto(f"{live_server.url}{project.get_absolute_url()}")

    compact = page.get_by_test_id("cycle-compact")
    expect(compact).to_be_visible()
    expect(page.locator("figure.cycle-picture svg")).to_be_hidden()
    assert compact.locator("li").count() == 4
    font_size = compact.locator("li").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert font_size >= 12
    expect(compact.locator("li.cycle-compact--current")).to_have_count(1)


@pytest.mark.parametrize("view", ["", "?vue=table"])
def test_the_dashboard_fits_a_phone(demo_day, live_server, view):
    page = demo_day
    page.goto(f"{live_server.url}/{view}")
    page.wait_for_load_state("networkidle")

    assert page_width(page) == PHONE["width"]


def test_the_board_stacks_its_stages_on_a_phone(demo_day, live_server):
    page = demo_day
    page.goto(f"{live_server.url}/")

    lefts = page.locator(".board > .board-column").evaluate_all(
        "columns => columns.map(c => Math.round(c.getBoundingClientRect().left))"
    )
    assert len(lefts) == 4 and len(set(lefts)) == 1  # one above the other, none off-screen


def test_the_ic_form_and_the_team_page_fit_a_phone(demo_day, live_server):
    """The pages issue 21 added or widened: the IC form with its rows in place, the team
    page with its invitations, the directory's pages with their ICs."""
    page = demo_day
    project = Project.objects.filter(state=State.PROJET).first()
    page.goto(f"{live_server.url}{project.get_absolute_url()}modifier/")
    page.get_by_role("button", name="Ajouter une tranche").click()
    widths = {"ic form": page_width(page)}
    page.goto(f"{live_server.url}/annuaire/equipe/", wait_until="networkidle")
    widths["team"] = page_width(page)
    prestataire = Prestataire.objects.filter(intervenants__isnull=False).first()
    page.goto(f"{live_server.url}/annuaire/prestataires/{prestataire.pk}/")
    widths["prestataire"] = page_width(page)
    for kind, entry in (
        ("partenaires", project.partnerships.first().partner),
        ("structures", project.participations.first().structure),
    ):
        page.goto(f"{live_server.url}/annuaire/{kind}/{entry.pk}/")
        widths[kind] = page_width(page)

    assert widths == dict.fromkeys(widths, PHONE["width"])


NEW_PAGES = {  # the pages issues 14 to 18 added, each for a user who may see it
    "claire": (
        "/notifications/",
        "/notifications/preferences/",
        "/mes-taches/",
        "/mes-taches/calendrier/",
        "/bibliotheque/",
        "/bibliotheque/{entry}/",
    ),
    "sophie": ("/", "/statistiques/", "/bibliotheque/", "/mes-taches/"),
    "intervenant": ("/mes-taches/", "/notifications/"),
}


def test_the_new_pages_fit_a_phone(demo_day, live_server, login, artifacts):
    """The library's theme badges once widened its list to 574 px."""
    page = demo_day
    entry = LibraryEntry.objects.order_by("project_id").first().project_id
    widths = {}
    for username, paths in NEW_PAGES.items():
        login(page, username, "demo-dla-2026")
        for path in paths:
            path = path.format(entry=entry)
            page.goto(f"{live_server.url}{path}", wait_until="networkidle")
            widths[username, path] = page_width(page)
            name = path.strip("/").replace("/", "_") or "accueil"
            page.screenshot(path=artifacts / f"phone_{username}_{name}.png", full_page=True)

    assert widths == dict.fromkeys(widths, PHONE["width"])


def test_the_statistics_leave_their_charts_to_the_tables_on_a_phone(demo_day, live_server, login):
    """Scaled to 390 px, a chart's words were 6 px high: the table beside it carries the
    same numbers, so a phone shows the table alone."""
    page = demo_day
    login(page, "sophie", "demo-dla-2026")
    page.goto(f"{live_server.url}/statistiques/", wait_until="networkidle")

    section = page.locator("section#annees")
    expect(section.get_by_role("table")).to_be_visible()
    expect(section.locator("svg.stats-chart")).to_be_hidden()


def test_the_sessions_follow_up_import_audit_and_gdpr_pages_fit_a_phone(
    demo_day, live_server, login, artifacts
):
    """Issues 17 and 19: the sessions' table once widened its page to 714 px."""
    from followup.models import Questionnaire
    from meetings.models import Meeting

    page = demo_day
    meeting = Meeting.objects.order_by("pk").first()
    followed = Questionnaire.objects.order_by("pk").first().participation.project_id
    paths = (
        f"/seances/ic/{meeting.project_id}/", f"/seances/{meeting.pk}/",
        f"/seances/{meeting.pk}/presences/", f"/seances/{meeting.pk}/emargement/",
        f"/projets/{followed}/suivi/", "/imports/", f"/dossiers-d-audit/ic/{followed}/",
        "/rgpd/registre/", "/rgpd/acces/",
    )
    login(page, "admin", "demo-dla-2026")
    widths = {}
    for path in paths:
        assert page.goto(f"{live_server.url}{path}", wait_until="networkidle").ok, path
        widths[path] = page_width(page)
        page.screenshot(path=artifacts / f"phone_admin_{path.strip('/').replace('/', '_')}.png",
                        full_page=True)

    assert widths == dict.fromkeys(widths, PHONE["width"])
