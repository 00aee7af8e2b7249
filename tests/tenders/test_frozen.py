"""Issued means frozen, signed means frozen (issue 11: the rules changed after the game).

Every edit path of the cahier des charges and of the call is tried after issue,
after the reply deadline and after signature: refused, or a new version (avenant).
"""

import datetime
import hashlib
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from monographs.checks import REQUIRED_CONDITIONS
from monographs.models import Criterion, IssuedSpecification
from tenders import services
from tenders.models import CallForTender, Score, SignedDocument
from workflows.models import TransitionLog

from .conftest import after_deadline, submit


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)


def edit_data(specification, *, weights=None, reason=None, delete=None):
    """The cahier des charges form as posted, criteria reweighted or deleted."""
    criteria = list(specification.criteria.all())
    weights = weights or [c.weight for c in criteria]
    data = {
        "version": specification.version,
        "expected_contents": specification.expected_contents,
        "deliverables": specification.deliverables,
        "budget_ceiling": "15000",
        "reply_deadline": timezone.localtime(specification.reply_deadline).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "how_to_answer": specification.how_to_answer,
        # The technical conditions as the page shows them (an issued one has them all).
        **{name: getattr(specification, name) for name in REQUIRED_CONDITIONS},
        "criteria-TOTAL_FORMS": len(criteria), "criteria-INITIAL_FORMS": len(criteria),
        "criteria-MIN_NUM_FORMS": 0, "criteria-MAX_NUM_FORMS": 1000,
    }
    for i, (criterion, weight) in enumerate(zip(criteria, weights, strict=True)):
        data |= {
            f"criteria-{i}-id": criterion.pk, f"criteria-{i}-label": criterion.label,
            f"criteria-{i}-weight": weight, f"criteria-{i}-position": i,
        }
        if delete == i:
            data[f"criteria-{i}-DELETE"] = "on"
    if reason is not None:
        data["amendment_reason"] = reason
    return data


def edit_url(project):
    return reverse("monographs:specification_edit", args=[project.pk])


# --- issued means frozen


def test_issuing_stores_version_1_its_criteria_pdf_and_hash(issued):
    version = IssuedSpecification.objects.get()
    assert version.number == 1 and version.reason == ""
    assert [c["weight"] for c in version.criteria] == [30, 15, 20, 15, 20]
    assert version.content["deliverables"] == "Synthèses"
    content = version.read()
    assert content.startswith(b"%PDF-")
    assert version.sha256 == hashlib.sha256(content).hexdigest()
    assert "Version 1" in pdf_text(content)


def test_candidates_get_the_stored_version_never_a_rerender(client, open_call, alpha_user):
    version = IssuedSpecification.objects.get()
    # Whatever happens to the live rows (here behind every form's back), the PDF stays.
    Criterion.objects.filter(specification__project=open_call.project).update(weight=60)
    client.force_login(alpha_user)

    response = client.get(reverse("tenders:specification_pdf", args=[open_call.pk]))

    assert response.content == version.read()
    assert "60 %" not in pdf_text(response.content)


def test_a_change_before_the_deadline_is_a_reasoned_avenant_sent_to_every_firm(
    client, open_call, charge_mission, alpha_user
):
    specification = open_call.project.specification
    first = IssuedSpecification.objects.get()
    first_bytes = first.read()
    client.force_login(charge_mission)
    reweighted = [10, 15, 20, 15, 40]

    without_reason = client.post(edit_url(open_call.project),
                                 edit_data(specification, weights=reweighted, reason=""))
    assert without_reason.status_code == 400
    assert IssuedSpecification.objects.count() == 1
    mail.outbox.clear()

    response = client.post(edit_url(open_call.project), edit_data(
        specification, weights=reweighted, reason="Le prix compte davantage"))

    assert response.status_code == 302
    second = IssuedSpecification.objects.get(number=2)
    assert second.reason == "Le prix compte davantage"
    assert [c["weight"] for c in second.criteria] == reweighted
    assert first.read() == first_bytes and first.verifies()
    assert sorted(r for m in mail.outbox for r in m.to) == [
        "contact@alpha.example.org", "contact@beta.example.org", "ines@alpha.example.org",
    ]
    assert all("version 2" in m.body and "Le prix compte davantage" in m.body
               for m in mail.outbox)
    assert TransitionLog.objects.get(call__isnull=False, transition="amend").details["version"] == 2
    client.force_login(alpha_user)
    page = client.get(reverse("tenders:invitation_detail", args=[open_call.pk]))
    assert "Cahier des charges en vigueur : version 2" in page.text
    current = client.get(reverse("tenders:specification_pdf", args=[open_call.pk]))
    assert current.content == second.read()
    earlier = client.get(reverse("tenders:specification_version_pdf", args=[open_call.pk, 1]))
    assert earlier.content == first_bytes


@pytest.mark.parametrize("moment", ["after_deadline", "after_signature"])
def test_after_the_deadline_the_form_changes_nothing(client, open_call, charge_mission,
                                                     alpha_user, beta_user, moment):
    if moment == "after_signature":
        sign(open_call, charge_mission, alpha_user, beta_user)
    CallForTender.objects.filter(pk=open_call.pk).update(
        intent_deadline=timezone.now() - datetime.timedelta(days=2),
        reply_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    specification = open_call.project.specification
    client.force_login(charge_mission)

    page = client.get(edit_url(open_call.project))
    response = client.post(edit_url(open_call.project), edit_data(
        specification, weights=[20, 15, 20, 15, 30], reason="Trop tard"))

    assert 'data-testid="amending"' in page.text and "Émettre l&#x27;avenant" not in page.text
    assert response.status_code == 400
    assert "ne peut plus changer" in response.text
    assert [c.weight for c in specification.criteria.all()] == [30, 15, 20, 15, 20]
    assert IssuedSpecification.objects.count() == 1


def test_a_scored_criterion_cannot_be_deleted_french_message_no_500(
    client, open_call, charge_mission, alpha_user, beta_user
):
    sign(open_call, charge_mission, alpha_user, beta_user)
    specification = open_call.project.specification
    client.force_login(charge_mission)

    response = client.post(edit_url(open_call.project), edit_data(
        specification, weights=[30, 15, 20, 15, 35], reason="Retirer l'enquête", delete=3))

    assert response.status_code == 400
    assert "ne peut plus changer" in response.text
    assert specification.criteria.count() == 5


def test_a_scored_criterion_deleted_through_the_service_gets_a_french_refusal(
    open_call, charge_mission, alpha_user, beta_user
):
    """Even with the lock lifted, the PROTECT on scores answers in French, never a 500."""
    from monographs import services as documents
    from monographs import versions
    from monographs.forms import CriterionFormSet, SpecificationForm

    sign(open_call, charge_mission, alpha_user, beta_user)
    specification = open_call.project.specification
    data = edit_data(specification, weights=[30, 15, 20, 15, 35], reason="Test", delete=3)
    form = SpecificationForm(data, instance=specification, amending=True)
    criteria = CriterionFormSet(data, instance=specification)
    assert form.is_valid() and criteria.is_valid()
    locks = versions._locks[:]
    versions._locks.clear()
    try:
        with pytest.raises(documents.SpecificationFrozen) as refused:
            documents.save_or_amend(open_call.project, form, criteria, by=charge_mission,
                                    version=specification.version, reason="Test")
    finally:
        versions._locks[:] = locks
    assert refused.value.missing == [
        "Le critère « Modalités d'enquête et de recueil d'information préalables à "
        "l'ingénierie » a déjà été noté : il ne peut pas être supprimé."
    ]
    assert specification.criteria.count() == 5


def test_reissuing_is_refused_once_issued(issued, charge_mission):
    from monographs import services as documents

    with pytest.raises(documents.SpecificationFrozen):
        documents.issue_specification(issued.specification, by=charge_mission)
    assert IssuedSpecification.objects.count() == 1


def test_an_issued_version_cannot_be_saved_again_or_deleted(issued):
    from monographs.frozen import FrozenDocument

    version = IssuedSpecification.objects.get()
    version.reason = "réécrit"
    with pytest.raises(FrozenDocument):
        version.save()
    with pytest.raises(FrozenDocument):
        version.delete()


def test_the_admin_edits_no_call_and_no_grid(client, open_call, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:tenders_callfortender_change", args=[open_call.pk])
    later = timezone.localtime(open_call.reply_deadline + datetime.timedelta(days=30))
    response = client.post(url, {"reply_deadline_0": later.strftime("%d/%m/%Y"),
                                 "reply_deadline_1": later.strftime("%H:%M:%S")})
    open_call.refresh_from_db()
    assert response.status_code == 403
    assert open_call.reply_deadline < later
    assert client.get(url).status_code == 200  # still readable


# --- extending and cancelling: explicit, reasoned, logged, told


def test_extending_needs_a_reason_is_logged_and_told(open_call, charge_mission):
    later = open_call.reply_deadline + datetime.timedelta(days=7)
    with pytest.raises(services.TenderRefused) as refused:
        services.extend_call(open_call, by=charge_mission, reply_deadline=later, reason=" ")
    assert refused.value.missing == ["Motivez la prolongation."]
    mail.outbox.clear()

    services.extend_call(open_call, by=charge_mission, reply_deadline=later,
                         reason="Vacances scolaires")

    open_call.refresh_from_db()
    assert open_call.reply_deadline == later
    event = TransitionLog.objects.get(call__isnull=False, transition="extend")
    assert event.by == charge_mission and event.reason == "Vacances scolaires"
    assert len(mail.outbox) == 2 and all("Vacances scolaires" in m.body for m in mail.outbox)


def test_no_extension_after_the_deadline(open_call, charge_mission):
    with pytest.raises(services.TenderRefused) as refused:
        services.extend_call(
            open_call, by=charge_mission, reason="Oubli", now=after_deadline(open_call),
            reply_deadline=open_call.reply_deadline + datetime.timedelta(days=7),
        )
    assert "ne peut plus changer" in refused.value.missing[0]


def test_cancelling_is_reasoned_logged_told_and_closes_the_call(client, open_call,
                                                                 charge_mission, alpha_user):
    mail.outbox.clear()
    client.force_login(charge_mission)
    url = reverse("tenders:call_cancel", args=[open_call.project_id])
    assert client.post(url, {"reason": ""}).status_code == 400

    assert client.post(url, {"reason": "Budget retiré"}).status_code == 302

    assert TransitionLog.objects.get(call__isnull=False, transition="cancel").reason == "Budget retiré"
    assert len(mail.outbox) == 2 and all("annulé" in m.body for m in mail.outbox)
    with pytest.raises(services.TenderRefused) as refused:
        submit(open_call, alpha_user)
    assert "Cet appel d'offres est annulé." in refused.value.missing


# --- signed means frozen


def sign(call, by, alpha_user, beta_user):
    alpha, beta = submit(call, alpha_user).offer, submit(call, beta_user, price="8000").offer
    late = after_deadline(call)
    services.open_offers(call, by=by, now=late)
    criteria = list(call.project.specification.criteria.all())
    for offer, scores in ((alpha, (4, 3, 5, 2, 4)), (beta, (3, 3, 3, 3, 5))):
        services.save_sheet(offer, by=by, values={c.pk: v for c, v in zip(criteria, scores, strict=True)},
                            comment=f"Avis sur {offer.invitation.prestataire}", now=late)
    services.sign_selection(call, by=by, offers=[alpha], reasons="Meilleure méthode", now=late)
    return alpha, beta


def test_signing_stores_the_report_and_every_letter_once(client, open_call, charge_mission,
                                                         alpha_user, beta_user):
    _alpha, beta = sign(open_call, charge_mission, alpha_user, beta_user)
    documents = SignedDocument.objects.order_by("kind", "invitation__prestataire__name")
    assert [(d.kind, d.invitation and str(d.invitation.prestataire)) for d in documents] == [
        ("lettre", "Cabinet Alpha"), ("lettre", "Cabinet Beta"), ("proces_verbal", None),
    ]
    assert all(d.verifies() and d.signed_by == charge_mission for d in documents)
    report = documents.get(kind="proces_verbal")
    stored = report.read()

    # The live data moves on (behind every form's back): the signed documents do not.
    Score.objects.update(value=0)
    Criterion.objects.filter(specification__project=open_call.project).update(label="Autre")
    client.force_login(charge_mission)
    download = client.get(reverse("tenders:report_pdf", args=[open_call.project_id]))
    page = client.get(reverse("tenders:call_manage", args=[open_call.project_id]))

    assert download.content == stored
    assert hashlib.sha256(download.content).hexdigest() == report.sha256
    assert download["X-Content-SHA256"] == report.sha256
    assert report.sha256 in page.text
    client.force_login(beta_user)
    letter = client.get(reverse("tenders:letter_pdf", args=[beta.invitation.pk]))
    assert letter.content == documents.get(invitation=beta.invitation).read()
    letter_text = pdf_text(letter.content)
    assert "None" not in letter_text
    # Its own scores and the scorers' words on its own offer; nothing on the other one.
    assert "Avis sur Cabinet Beta" in letter_text and "Cabinet Alpha" not in letter_text


def test_nothing_scores_or_signs_again_after_signature(open_call, charge_mission, alpha_user,
                                                       beta_user):
    _alpha, beta = sign(open_call, charge_mission, alpha_user, beta_user)
    late = after_deadline(open_call)
    with pytest.raises(services.TenderRefused):
        services.sign_selection(open_call, by=charge_mission, offers=[beta], reasons="Autre",
                                now=late)
    with pytest.raises(services.TenderRefused):
        services.cancel_call(open_call, by=charge_mission, reason="Regret")
    assert SignedDocument.objects.count() == 3
