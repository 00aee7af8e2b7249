"""In Chromium, under the real Content-Security-Policy: no violation on the main pages."""

import pytest
from playwright.sync_api import expect

from cycle.models import ProjectPrestataire
from grille.models import Grille
from tests.grille.conftest import complete_grille, complete_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ic_with_grille(project, charge_mission):
    from accounts.models import Role
    from directory.models import Intervenant, Prestataire
    from tests.conftest import make_user

    firm = Prestataire.objects.create(name="Bureau d'études Territoires")
    user = make_user("intervenant", Role.INTERVENANT)
    Intervenant.objects.create(prestataire=firm, first_name="Inès", last_name="Durand", user=user)
    ProjectPrestataire.objects.create(project=project, prestataire=firm)
    project = complete_project(project)
    complete_grille(Grille.objects.create(project=project), phases=False)
    return project


def test_no_csp_violation_on_the_main_pages(page, login, live_server, ic_with_grille):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text or "Refused to" in message.text
        else None,
    )
    response = page.goto(f"{live_server.url}/comptes/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    login(page, "cm")
    pk = ic_with_grille.pk
    for path in [
        "/",
        f"/projets/{pk}/",
        "/projets/nouveau/",
        f"/grilles/{pk}/",
        f"/grilles/{pk}/partie/1/",
        f"/grilles/{pk}/partie/2/",
        "/annuaire/structures/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert violations == []

    # scripts do run: htmx is loaded, and Bootstrap's collapse works
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.allowEval") is False

    # the watch itself works: an injected <style> element is refused and reported
    page.evaluate(
        "document.head.appendChild(Object.assign(document.createElement('style'),"
        " {textContent: 'body {color: red}'}))"
    )
    page.wait_for_timeout(200)
    assert violations and "style-src" in violations[0]


def test_project_form_script_proposes_a_type_under_csp(page, login, live_server, charge_mission):
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/nouveau/")
    hint = page.locator("#type-hint")
    # The fiche technique: one structure whose need is similar to others' → a collective
    # response; a specific need → an individual engineering, said beside the questions.
    page.locator("[name=structure_count][value=une]").check()
    page.locator("[name=need_kind][value=semblable]").check()
    expect(hint).to_contain_text("Réponse collective aux structures")
    expect(page.locator("[name=ic_type]")).to_have_value("reponse_collective")
    page.locator("[name=need_kind][value=specifique]").check()
    expect(hint).to_contain_text("ingénierie individuelle (II)")


def test_no_csp_violation_in_the_admin(page, login, live_server, project, admin_user):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text or "Refused to" in message.text
        else None,
    )
    login(page, "admin")
    for path in ["/admin/", "/admin/cycle/project/", f"/admin/cycle/project/{project.pk}/change/",
                 "/admin/accounts/user/add/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert violations == []
