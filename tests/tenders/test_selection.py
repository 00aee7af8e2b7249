"""Scoring after the deadline, the signed choice, the guard, the documents, the lock."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from cycle.guards import missing_for
from cycle.models import ProjectPrestataire
from cycle.states import State
from tenders import services
from tenders.models import Score

from .conftest import after_deadline, submit


def criteria(call):
    return list(call.project.specification.criteria.all())


def values(call, *scores):
    return {c.pk: v for c, v in zip(criteria(call), scores, strict=True)}


@pytest.fixture
def offers(open_call, alpha_user, beta_user):
    return submit(open_call, alpha_user).offer, submit(open_call, beta_user, price="8000").offer


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_scoring_waits_for_the_deadline(open_call, offers, charge_mission):
    with pytest.raises(services.TenderRefused) as refused:
        services.save_sheet(offers[0], by=charge_mission, values=values(open_call, 3, 3, 3, 3, 3),
                            now=open_call.reply_deadline)
    assert refused.value.missing[0].startswith("La notation s'ouvre après la date limite")


def test_every_criterion_on_the_scale(open_call, offers, charge_mission):
    late = after_deadline(open_call)
    opened(open_call, charge_mission, late)
    with pytest.raises(services.TenderRefused) as refused:
        services.save_sheet(offers[0], by=charge_mission, values=values(open_call, 3, 3, 3, 3, 6),
                            now=late)
    assert refused.value.missing == ["Chaque note est un entier de 0 à 5."]
    with pytest.raises(services.TenderRefused):
        services.save_sheet(offers[0], by=charge_mission, values={}, now=late)


def opened(call, by, now):
    """Scoring needs the offers opened (after the deadline, by someone, logged)."""
    call.refresh_from_db()
    if call.offers_opened_at is None:
        services.open_offers(call, by=by, now=now)


def score_both(call, offers, by, now):
    opened(call, by, now)
    services.save_sheet(offers[0], by=by, values=values(call, 4, 3, 5, 2, 4), now=now,
                        comment="Méthode solide")
    services.save_sheet(offers[1], by=by, values=values(call, 3, 3, 3, 3, 5), now=now)


def test_sign_assigns_firms_satisfies_the_guard_and_locks_scores(open_call, offers,
                                                                  charge_mission, alpha_user):
    project = open_call.project
    assert "Choisissez au moins un prestataire." in missing_for(project, State.MISE_EN_OEUVRE)
    late = after_deadline(open_call)
    score_both(open_call, offers, charge_mission, late)
    mail.outbox.clear()

    services.sign_selection(open_call, by=charge_mission, offers=[offers[0]],
                            reasons="Meilleure méthode", now=late, base_url="https://ic.test")

    assignment = ProjectPrestataire.objects.get(project=project)
    assert assignment.prestataire.name == "Cabinet Alpha"
    assert list(assignment.intervenants.all()) == [alpha_user.intervenant]
    assert missing_for(project, State.MISE_EN_OEUVRE) == []
    assert len(mail.outbox) == 2
    assert any("Votre offre est retenue." in m.body for m in mail.outbox)
    assert any("Votre offre n'est pas retenue." in m.body for m in mail.outbox)

    before = list(Score.objects.values_list("pk", "value"))
    with pytest.raises(services.TenderRefused) as refused:
        services.save_sheet(offers[0], by=charge_mission, values=values(open_call, 0, 0, 0, 0, 0),
                            now=late)
    assert refused.value.missing == [
        "Le choix est signé : les notes ne peuvent plus être modifiées."
    ]
    assert list(Score.objects.values_list("pk", "value")) == before
    with pytest.raises(services.TenderRefused):
        services.sign_selection(open_call, by=charge_mission, offers=[offers[1]],
                                reasons="Autre", now=late)


def test_score_lock_through_the_page(client, open_call, offers, charge_mission, monkeypatch):
    late = after_deadline(open_call)
    score_both(open_call, offers, charge_mission, late)
    services.sign_selection(open_call, by=charge_mission, offers=[offers[0]],
                            reasons="Meilleure méthode", now=late)
    client.force_login(charge_mission)
    data = {f"c{c.pk}": "0" for c in criteria(open_call)}
    response = client.post(reverse("tenders:sheet_edit", args=[offers[0].pk]), data)
    assert response.status_code == 400
    assert "les notes ne peuvent plus être modifiées" in response.text


def test_sign_needs_every_offer_scored_and_reasons(open_call, offers, charge_mission):
    late = after_deadline(open_call)
    opened(open_call, charge_mission, late)
    services.save_sheet(offers[0], by=charge_mission, values=values(open_call, 4, 3, 5, 2, 4),
                        now=late)
    with pytest.raises(services.TenderRefused) as refused:
        services.sign_selection(open_call, by=charge_mission, offers=[offers[0]], reasons=" ",
                                now=late)
    assert refused.value.missing == [
        "Motivez le choix.", "Notez chaque offre avant de signer : Cabinet Beta.",
    ]
    assert not ProjectPrestataire.objects.exists()


def test_structure_representatives_score_too(client, open_call, offers, charge_mission):
    structure = services.committed_structures(open_call.project).first()
    scorer = services.add_scorer(open_call, by=charge_mission, name="Mme Durand",
                                 structure=structure)
    late = after_deadline(open_call)
    score_both(open_call, offers, charge_mission, late)
    services.save_sheet(offers[0], by=charge_mission, scorer=scorer,
                        values=values(open_call, 2, 2, 2, 2, 2), now=late)
    client.force_login(charge_mission)

    page = client.get(reverse("tenders:call_manage", args=[open_call.project_id]))

    assert "Grille de Mme Durand" in page.text
    # Alpha: own grid 75.00, Mme Durand's 40.00 → 57.50; Beta: 68.00 (one grid).
    ranking = page.text.split('data-testid="ranking"')[1].split("</table>")[0]
    assert ranking.index("Cabinet Beta") < ranking.index("Cabinet Alpha")
    assert "57.50" in ranking or "57,50" in ranking


def test_report_and_letters_are_pdfs_with_the_scores(client, open_call, offers, charge_mission,
                                                     alpha_user, beta_user):
    late = after_deadline(open_call)
    score_both(open_call, offers, charge_mission, late)
    services.sign_selection(open_call, by=charge_mission, offers=[offers[0]],
                            reasons="Meilleure méthode d'animation", now=late)
    client.force_login(charge_mission)

    report = client.get(reverse("tenders:report_pdf", args=[open_call.project_id]))
    text = pdf_text(report.content)
    assert "Procès-verbal de sélection" in text
    assert "Cabinet Alpha" in text and "Cabinet Beta" in text
    assert "Meilleure méthode d'animation" in text
    assert "75" in text and "Méthode solide" in text

    beta_invitation = offers[1].invitation
    client.force_login(beta_user)
    letter = pdf_text(client.get(reverse("tenders:letter_pdf", args=[beta_invitation.pk])).content)
    assert "n'est pas retenue" in letter
    assert "Cabinet Beta" in letter
    alpha_letter = reverse("tenders:letter_pdf", args=[offers[0].invitation.pk])
    assert client.get(alpha_letter).status_code == 404  # a competitor's letter
    client.force_login(alpha_user)
    assert "est retenue" in pdf_text(client.get(alpha_letter).content)


def test_manage_page_costs_no_n_plus_one(client, open_call, offers, charge_mission, db):
    """zeal fails the request on an N+1: three offers, two scorers, every grid shown."""
    from accounts.models import Role
    from directory.models import Intervenant, Prestataire
    from tenders.models import Invitation
    from tests.conftest import make_user

    gamma = Prestataire.objects.create(name="Cabinet Gamma")
    user = make_user("gamma", Role.INTERVENANT)
    Intervenant.objects.create(prestataire=gamma, first_name="G", last_name="G", user=user)
    Invitation.objects.create(call=open_call, prestataire=gamma)
    submit(open_call, user)
    late = after_deadline(open_call)
    score_both(open_call, offers, charge_mission, late)
    structure = services.committed_structures(open_call.project).first()
    scorer = services.add_scorer(open_call, by=charge_mission, name="M. Roy", structure=structure)
    for offer in offers:
        services.save_sheet(offer, by=charge_mission, scorer=scorer,
                            values=values(open_call, 1, 2, 3, 4, 5), now=late)
    client.force_login(charge_mission)
    for url in (reverse("tenders:call_manage", args=[open_call.project_id]),
                reverse("tenders:selection_sign", args=[open_call.project_id]),
                reverse("tenders:call_list")):
        assert client.get(url).status_code == 200
    assert client.get(reverse("tenders:report_pdf", args=[open_call.project_id])).status_code == 200


def test_the_chargé_enters_a_representatives_grid(client, open_call, offers, charge_mission):
    CallForTender = type(open_call)
    CallForTender.objects.filter(pk=open_call.pk).update(
        reply_deadline=open_call.opened_at, intent_deadline=open_call.opened_at
    )
    opened(open_call, charge_mission, None)
    structure = services.committed_structures(open_call.project).first()
    client.force_login(charge_mission)
    client.post(reverse("tenders:scorer_add", args=[open_call.project_id]),
                {"name": "Mme Durand", "structure": structure.pk})
    scorer = open_call.scorers.get()
    url = reverse("tenders:sheet_edit", args=[offers[0].pk]) + f"?evaluateur={scorer.pk}"
    data = {f"c{c.pk}": "2" for c in criteria(open_call)} | {"comment": "Avis de la structure"}

    assert client.post(url, data).status_code == 302

    sheet = scorer.sheets.get()
    assert sheet.comment == "Avis de la structure"
    assert sorted(sheet.scores.values_list("value", flat=True)) == [2] * 5
    assert not open_call.scorers.filter(user=charge_mission).exists()
    other = reverse("tenders:sheet_edit", args=[offers[0].pk]) + "?evaluateur=999999"
    assert client.get(other).status_code == 404
