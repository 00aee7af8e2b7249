"""End to end: the intervenant fills part 2 with two phases, saves, finds it, hands it in;
the chargé de mission returns it with a comment."""

import pytest
from playwright.sync_api import expect

from cycle.models import ProjectPrestataire
from grille.models import Grille, GrilleStatus, Phase
from tests.grille.conftest import complete_grille, complete_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assigned_ic(project, charge_mission):
    from accounts.models import Role
    from directory.models import Intervenant, Prestataire
    from tests.conftest import make_user

    firm = Prestataire.objects.create(name="Bureau d'études Territoires")
    user = make_user("intervenant", Role.INTERVENANT, first_name="Inès", last_name="Durand")
    Intervenant.objects.create(prestataire=firm, first_name="Inès", last_name="Durand", user=user)
    ProjectPrestataire.objects.create(project=project, prestataire=firm)
    project = complete_project(project)
    grille = Grille.objects.create(project=project)
    complete_grille(grille, phases=False)  # parts 1 and 3 done; part 2 lacks its phases
    return project


def test_intervenant_fills_phases_submits_and_chargé_returns(page, login, live_server, artifacts, assigned_ic):
    base = f"{live_server.url}/grilles/{assigned_ic.pk}"
    login(page, "intervenant")
    page.goto(f"{base}/")
    expect(page.get_by_test_id("grille-status")).to_have_text("Brouillon")
    expect(page.get_by_text("Au moins une phase")).to_be_visible()
    page.goto(f"{base}/partie/1/")
    page.screenshot(path=str(artifacts / "grille_part1.png"), full_page=True)
    page.goto(f"{base}/partie/3/")
    page.screenshot(path=str(artifacts / "grille_part3.png"), full_page=True)
    page.goto(f"{base}/")

    page.get_by_role("link", name="Partie 2 : Descriptif des actions réalisées").click()
    page.locator('input[name="phases-0-title"]').fill("Analyse de l'existant")
    page.locator('input[name="phases-0-days"]').fill("2")
    page.locator('textarea[name="phases-0-contents"]').fill("Questionnaire et entretiens <b>individuels</b>")

    # leaving with unsaved changes asks first
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Vue d'ensemble").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert "/partie/2/" in page.url

    page.get_by_role("button", name="Ajouter une phase").click()
    page.locator('input[name="phases-1-title"]').fill("Éclairage collectif")
    page.locator('input[name="phases-1-days"]').fill("3,5")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()

    page.reload()
    expect(page.locator('input[name="phases-0-title"]')).to_have_value("Analyse de l'existant")
    expect(page.locator('input[name="phases-1-title"]')).to_have_value("Éclairage collectif")
    expect(page.locator('input[name="phases-1-days"]')).to_have_value("3,5")
    expect(page.locator('textarea[name="phases-0-contents"]')).to_have_value(
        "Questionnaire et entretiens <b>individuels</b>"
    )
    page.screenshot(path=str(artifacts / "grille_part2.png"), full_page=True)

    page.get_by_role("link", name="Vue d'ensemble").click()
    # Handing in asks first: a no leaves the grille a draft, a yes hands it in.
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Remettre la grille").click()
    assert questions and questions[0].startswith("Remettre la grille ?")
    expect(page.get_by_test_id("grille-status")).not_to_have_text("Remise")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remettre la grille").click()
    expect(page.get_by_test_id("grille-status")).to_have_text("Remise")
    page.screenshot(path=str(artifacts / "grille_overview_submitted.png"), full_page=True)

    login(page, "cm")
    page.goto(f"{base}/")
    page.get_by_label("Commentaires pour le prestataire").fill("Détaillez les méthodes de la phase 2.")
    page.get_by_role("button", name="Renvoyer avec commentaires").click()
    expect(page.get_by_test_id("grille-status")).to_have_text("Renvoyée avec commentaires")
    expect(page.get_by_test_id("grille-history")).to_contain_text("Détaillez les méthodes de la phase 2.")
    page.screenshot(path=str(artifacts / "grille_returned.png"), full_page=True)

    grille = Grille.objects.get(project=assigned_ic)
    assert grille.status == GrilleStatus.RETURNED
    assert list(Phase.objects.filter(grille=grille).values_list("title", flat=True)) == [
        "Analyse de l'existant", "Éclairage collectif"
    ]
