"""End to end: a firm deposits its offer; after the deadline the chargé de mission scores
the two offers and signs the choice, which assigns the firm to the IC."""

import datetime
from pathlib import Path

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

    # The chargé de mission scores both offers from the IC's page.
    login(page, "cm")
    page.goto(f"{base}/projets/{open_call.project_id}/")
    page.get_by_role("link", name="Appel d'offres").click()
    page.get_by_role("button", name="Ouvrir les offres").click()  # sealed until then
    expect(page.get_by_test_id("opened")).to_contain_text("Offres ouvertes le")
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
    page.once("dialog", lambda dialog: dialog.accept())  # signing asks for confirmation
    page.get_by_role("button", name="Signer le choix").click()
    expect(page.get_by_test_id("signed")).to_contain_text("Meilleure qualité des contenus")
    page.screenshot(path=str(artifacts / "tender_signed.png"), full_page=True)

    assignment = ProjectPrestataire.objects.get(project=open_call.project)
    assert assignment.prestataire.name == "Cabinet Alpha"
    assert "Choisissez au moins un prestataire." not in missing_for(
        open_call.project, State.MISE_EN_OEUVRE
    )


@pytest.fixture
def drafted(project, charge_mission):
    """The IC at Confirmer, its cahier des charges written but not issued."""
    from decimal import Decimal

    from monographs import services as documents
    from monographs.models import Specification
    from tests.cycle.test_guards import bring_to
    from tests.tenders.conftest import TECHNICAL_CONDITIONS

    bring_to(project, State.MODALITES, charge_mission)
    specification = documents.specification_for(project)
    Specification.objects.filter(pk=specification.pk).update(
        expected_contents="Fiscalité", deliverables="Synthèses", budget_ceiling=Decimal("15000"),
        reply_deadline=timezone.now() + datetime.timedelta(days=10), how_to_answer="En ligne",
        **TECHNICAL_CONDITIONS,
    )
    return project


def score(page, firm, criteria, scores, comment):
    """From the call's page: the scorer's own grid for ``firm``."""
    first_grid = page.get_by_role("link", name=f"Noter {firm}")
    if first_grid.count():
        first_grid.click()
    else:  # his grid exists: its rows carry the links (only his own)
        page.locator("tr", has_text=firm).get_by_role("link", name="Noter").click()
    for criterion, value in zip(criteria, scores, strict=True):
        page.locator(f'select[name="c{criterion.pk}"]').select_option(str(value))
    page.get_by_label("Commentaire").fill(comment)
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.get_by_text("Notes enregistrées.")).to_be_visible()


def test_issue_amend_receive_open_score_twice_sign_and_verify_the_pv(
    page, login, live_server, artifacts, drafted, charge_mission, alpha, beta,  # noqa: F811
    alpha_user, beta_user, dla,  # noqa: F811
):
    import hashlib

    from django.core import mail

    from accounts.models import Role
    from monographs.models import IssuedSpecification
    from tenders import services
    from tenders.models import SignedDocument
    from tests.conftest import make_user

    make_user("cm-b", Role.CHARGE_MISSION, dla, first_name="Bruno", last_name="Petit")
    base = live_server.url
    project = drafted

    # Issue: version 1 is frozen with its PDF and hash.
    login(page, "cm")
    page.goto(f"{base}/documents/projets/{project.pk}/cahier-des-charges/")
    page.once("dialog", lambda dialog: dialog.accept())  # issuing asks for confirmation
    page.get_by_role("button", name="Émettre le cahier des charges").click()
    expect(page.get_by_test_id("issued-versions")).to_contain_text("Version 1")
    first = IssuedSpecification.objects.get()
    expect(page.get_by_test_id("issued-versions")).to_contain_text(first.sha256)
    now = timezone.now()
    call = services.open_call(
        project, by=charge_mission, prestataires=[alpha, beta],
        intent_deadline=now + datetime.timedelta(days=3),
        reply_deadline=now + datetime.timedelta(days=10),
    )

    # Amend, with notice: price weighs more; every invited firm is told.
    mail.outbox.clear()
    page.get_by_role("link", name="Modifier").click()
    expect(page.get_by_test_id("amending")).to_contain_text("avenant")
    page.locator('input[name="criteria-0-weight"]').fill("20")
    page.locator('input[name="criteria-4-weight"]').fill("30")
    page.get_by_label("Motif de l'avenant").fill("Le prix pèse davantage.")
    page.get_by_role("button", name="Émettre l'avenant").click()
    expect(page.get_by_test_id("issued-versions")).to_contain_text("Le prix pèse davantage.")
    assert {r for m in mail.outbox for r in m.to} >= {
        "contact@alpha.example.org", "contact@beta.example.org"
    }
    page.screenshot(path=str(artifacts / "tender_avenant.png"), full_page=True)

    # Two offers: Alpha through its page (seeing version 2 in force), Beta behind the scenes.
    login(page, "interv")
    page.goto(f"{base}/appels-d-offres/{call.pk}/")
    expect(page.get_by_test_id("current-specification")).to_contain_text("version 2")
    page.get_by_role("link", name="Déposer une offre").click()
    page.locator('textarea[name="method"]').fill("Trois ateliers collectifs")
    page.locator('input[name="price"]').fill("9 450,50")
    page.get_by_label("Inès Alpha").check()
    page.locator('input[name="file"]').set_input_files(
        files=[{"name": "offre.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.locator('input[name="phases-0-title"]').fill("Diagnostic")
    page.locator('input[name="phases-0-days"]').fill("2")
    page.get_by_role("button", name="Déposer l'offre").click()
    expect(page.get_by_text("Offre déposée (version 1).")).to_be_visible()
    submit(call, beta_user, price="8000.00")

    # Sealed until opened, after the deadline.
    login(page, "cm")
    page.goto(f"{base}/appels-d-offres/projets/{project.pk}/")
    expect(page.get_by_test_id("sealed-note")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("9 450")
    past = timezone.now() - datetime.timedelta(minutes=1)
    CallForTender.objects.filter(pk=call.pk).update(reply_deadline=past, intent_deadline=past)
    page.reload()
    page.get_by_role("button", name="Ouvrir les offres").click()
    expect(page.get_by_test_id("opened")).to_contain_text("Claire Martin")
    criteria = list(project.specification.criteria.all())
    score(page, "Cabinet Alpha", criteria, (4, 3, 5, 2, 4), "Méthode solide")
    score(page, "Cabinet Beta", criteria, (3, 3, 3, 3, 5), "Prix bas")

    # A second scorer, his own grid.
    login(page, "cm-b")
    page.goto(f"{base}/appels-d-offres/projets/{project.pk}/")
    score(page, "Cabinet Alpha", criteria, (4, 4, 4, 4, 4), "Bruno : bonne animation")
    score(page, "Cabinet Beta", criteria, (2, 2, 2, 2, 2), "Bruno : trop léger")
    expect(page.get_by_text("Grille de Bruno Petit")).to_be_visible()
    expect(page.get_by_text("Grille de Claire Martin")).to_be_visible()

    # Sign, then download the stored procès-verbal and check it against the shown hash.
    login(page, "cm")
    page.goto(f"{base}/appels-d-offres/projets/{project.pk}/")
    page.get_by_role("link", name="Choisir et signer").click()
    page.get_by_label("Cabinet Alpha").check()
    page.get_by_label("Motifs du choix").fill("Meilleure qualité des contenus.")
    page.once("dialog", lambda dialog: dialog.accept())  # signing asks for confirmation
    page.get_by_role("button", name="Signer le choix").click()
    expect(page.get_by_test_id("signed")).to_contain_text("Meilleure qualité des contenus")
    shown = page.get_by_test_id("sha256-proces_verbal").inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("link", name="Procès-verbal de sélection (PDF)").click()
    content = Path(download.value.path()).read_bytes()
    page.screenshot(path=str(artifacts / "tender_signed_hash.png"), full_page=True)

    assert hashlib.sha256(content).hexdigest() == shown
    assert SignedDocument.objects.get(call=call, kind="proces_verbal").sha256 == shown
    assert first.read() == IssuedSpecification.objects.get(number=1).read()


def test_issuing_the_cahier_des_charges_asks_first_and_a_no_changes_nothing(
    page, login, live_server, drafted
):
    from monographs.models import IssuedSpecification

    login(page, "cm")
    page.goto(f"{live_server.url}/documents/projets/{drafted.pk}/cahier-des-charges/")
    asked = []

    def answer_no(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", answer_no)
    page.get_by_role("button", name="Émettre le cahier des charges").click()
    page.wait_for_timeout(300)  # a submission, had it gone, would have left the page

    assert asked and "avenant" in asked[0]
    assert not IssuedSpecification.objects.exists()
    expect(page.get_by_role("button", name="Émettre le cahier des charges")).to_be_visible()
