"""End to end: a firm deposits its offer; after the deadline the chargé de mission scores
the two offers and signs the choice, which assigns the firm to the IC."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cycle.guards import missing_for
from cycle.models import ProjectPrestataire
from cycle.states import State
from tenders.models import CallForTender
from tests.tenders.conftest import (  # noqa: F401 (fixtures)
    alpha,
    alpha_user,
    beta,
    beta_user,
    issued,
    open_call,
    pdf_bytes,
    private_root,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offer_scores_and_signed_choice(page, login, live_server, artifacts, open_call,  # noqa: F811
                                        beta_user):  # noqa: F811
    submit(open_call, beta_user, price="8000.00", method="Enquête puis deux ateliers")
    base = live_server.url

    # The firm: from the menu to its call, then its offer.
    login(page, "interv")
    page.get_by_role("link", name="Appels d'offres").click()
    page.get_by_role("link", name=open_call.project.title).click()
    expect(page.get_by_test_id("invitation-status")).to_have_text("Invitée")
    page.get_by_role("link", name="Déposer une offre").click()
    page.locator('textarea[name="method"]').fill("Trois ateliers collectifs et un appui individuel")
    page.locator('input[name="price"]').fill("9 450,50")
    page.get_by_label("Inès Alpha").check()
    page.locator('input[name="file"]').set_input_files(
        files=[{"name": "../../offre.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.locator('input[name="phases-0-title"]').fill("Diagnostic")
    page.locator('input[name="phases-0-days"]').fill("2")
    page.get_by_role("button", name="Ajouter une phase").click()
    page.locator('input[name="phases-1-title"]').fill("Ateliers")
    page.locator('input[name="phases-1-days"]').fill("3,5")
    page.get_by_role("button", name="Déposer l'offre").click()
    expect(page.get_by_text("Offre déposée (version 1).")).to_be_visible()
    expect(page.get_by_test_id("invitation-status")).to_have_text("Offre déposée")
    page.screenshot(path=str(artifacts / "tender_offer.png"), full_page=True)

    # The deadline passes.
    past = timezone.now() - datetime.timedelta(minutes=1)
    CallForTender.objects.filter(pk=open_call.pk).update(reply_deadline=past, intent_deadline=past)
    page.context.clear_cookies()

    # The chargé de mission scores both offers from the IC's page.
    login(page, "cm")
    page.goto(f"{base}/projets/{open_call.project_id}/")
    page.get_by_role("link", name="Appel d'offres").click()
    criteria = list(open_call.project.specification.criteria.all())
    for firm, scores in (("Cabinet Alpha", (4, 3, 5, 2, 4)), ("Cabinet Beta", (3, 3, 3, 3, 5))):
        first_grid = page.get_by_role("link", name=f"Noter {firm}")
        if first_grid.count():
            first_grid.click()
        else:  # the chargé de mission's grid exists: its rows carry the links
            page.locator("tr", has_text=firm).get_by_role("link", name="Noter").click()
        for criterion, score in zip(criteria, scores, strict=True):
            page.locator(f'select[name="c{criterion.pk}"]').select_option(str(score))
        page.get_by_label("Commentaire").fill(f"Grille de {firm}")
        page.get_by_role("button", name="Enregistrer les notes").click()
        expect(page.get_by_text("Notes enregistrées.")).to_be_visible()
    ranking = page.get_by_test_id("ranking")
    expect(ranking.locator("tbody tr").first).to_contain_text("Cabinet Alpha")
    expect(ranking).to_contain_text("75,00")
    expect(ranking).to_contain_text("68,00")
    page.screenshot(path=str(artifacts / "tender_scores.png"), full_page=True)

    page.get_by_role("link", name="Choisir et signer").click()
    page.get_by_label("Cabinet Alpha").check()
    page.get_by_label("Motifs du choix").fill("Meilleure qualité des contenus, prix dans le plafond.")
    page.get_by_role("button", name="Signer le choix").click()
    expect(page.get_by_test_id("signed")).to_contain_text("Meilleure qualité des contenus")
    page.screenshot(path=str(artifacts / "tender_signed.png"), full_page=True)

    assignment = ProjectPrestataire.objects.get(project=open_call.project)
    assert assignment.prestataire.name == "Cabinet Alpha"
    assert "Choisissez au moins un prestataire." not in missing_for(
        open_call.project, State.MISE_EN_OEUVRE
    )
