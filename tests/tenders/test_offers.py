"""Offers: before, at and after the deadline (Paris time, across DST), versions, isolation."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tenders import services
from tenders.deadlines import in_french
from tenders.models import CallForTender, OfferVersion

from .conftest import pdf_bytes, submit

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_before_and_at_the_deadline_are_on_time_after_is_late(open_call, alpha_user):
    deadline = open_call.reply_deadline
    assert submit(open_call, alpha_user, now=deadline - datetime.timedelta(seconds=1)).number == 1
    assert submit(open_call, alpha_user, now=deadline).number == 2

    with pytest.raises(services.TenderRefused) as refused:
        submit(open_call, alpha_user, now=deadline + datetime.timedelta(microseconds=1))

    assert refused.value.missing == [
        f"La date limite de dépôt des offres était le {in_french(deadline)} : il n'est plus "
        "possible de répondre."
    ]
    assert OfferVersion.objects.count() == 2


def test_deadline_across_the_spring_dst_change(open_call, alpha_user):
    # Sunday 29 March 2026, 12:00 in Paris is 10:00 UTC (summer time began at 02:00).
    deadline = datetime.datetime(2026, 3, 29, 12, 0, tzinfo=PARIS)
    CallForTender.objects.filter(pk=open_call.pk).update(
        reply_deadline=deadline, intent_deadline=deadline
    )
    open_call.refresh_from_db()
    utc = datetime.UTC
    # 10:30 UTC would be 11:30 in winter time: on time if DST were ignored. It is late.
    with pytest.raises(services.TenderRefused) as refused:
        submit(open_call, alpha_user, now=datetime.datetime(2026, 3, 29, 10, 30, tzinfo=utc))
    assert "29 mars 2026 à 12:00 (heure de Paris)" in refused.value.missing[0]
    assert submit(
        open_call, alpha_user, now=datetime.datetime(2026, 3, 29, 10, 0, tzinfo=utc)
    ).number == 1


def test_deadline_shown_in_paris_time_in_autumn(open_call):
    # 25 October 2026: back to winter time; 11:00 UTC is 12:00 in Paris.
    moment = datetime.datetime(2026, 10, 25, 11, 0, tzinfo=datetime.UTC)
    assert in_french(moment) == "25 octobre 2026 à 12:00 (heure de Paris)"
    assert in_french(moment - datetime.timedelta(days=1)) == (
        "24 octobre 2026 à 13:00 (heure de Paris)"
    )


def test_late_offer_refused_in_the_page_with_the_deadline_in_french(client, open_call, alpha_user):
    deadline = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=PARIS)
    CallForTender.objects.filter(pk=open_call.pk).update(
        reply_deadline=deadline, intent_deadline=deadline
    )
    client.force_login(alpha_user)

    response = client.post(reverse("tenders:offer_edit", args=[open_call.pk]), {
        "method": "Ateliers", "price": "9 000,50", "intervenants": [alpha_user.intervenant.pk],
        "file": SimpleUploadedFile("offre.pdf", pdf_bytes()),
        "phases-TOTAL_FORMS": 1, "phases-INITIAL_FORMS": 0, "phases-MIN_NUM_FORMS": 0,
        "phases-MAX_NUM_FORMS": 1000, "phases-0-title": "Diagnostic", "phases-0-days": "2",
    })

    assert response.status_code == 400
    assert "La date limite de dépôt des offres était le 15 janvier 2026 à 12:00" in response.text
    assert not OfferVersion.objects.exists()


def test_offer_through_the_form_then_amended_keeps_every_version(client, open_call, alpha_user,
                                                                  private_root):
    client.force_login(alpha_user)
    url = reverse("tenders:offer_edit", args=[open_call.pk])
    data = {
        "method": "Ateliers collectifs", "price": "12 000,50",
        "intervenants": [alpha_user.intervenant.pk],
        "phases-TOTAL_FORMS": 2, "phases-INITIAL_FORMS": 0, "phases-MIN_NUM_FORMS": 0,
        "phases-MAX_NUM_FORMS": 1000, "phases-0-title": "Diagnostic", "phases-0-days": "2",
        "phases-1-title": "Ateliers", "phases-1-days": "3,5",
    }
    assert client.post(url, {**data, "file": SimpleUploadedFile("o.pdf", pdf_bytes())}).status_code == 302
    assert client.get(url).status_code == 200
    assert client.post(url, {**data, "price": "11000"}).status_code == 302  # no new file: kept

    first, second = OfferVersion.objects.order_by("number")
    assert (first.price, second.price) == (Decimal("12000.50"), Decimal("11000.00"))
    assert first.phases == [{"title": "Diagnostic", "days": "2"}, {"title": "Ateliers", "days": "3.5"}]
    assert first.total_days == Decimal("5.5")
    assert second.file_name == first.file_name
    assert first.offer.current == second
    assert list(second.intervenants.all()) == [alpha_user.intervenant]
    page = client.get(reverse("tenders:invitation_detail", args=[open_call.pk]))
    assert "Version 2" in page.text and "Version 1" in page.text


def test_price_has_at_most_two_decimals(client, open_call, alpha_user):
    client.force_login(alpha_user)
    response = client.post(reverse("tenders:offer_edit", args=[open_call.pk]), {
        "method": "Ateliers", "price": "9000,505", "intervenants": [alpha_user.intervenant.pk],
        "file": SimpleUploadedFile("offre.pdf", pdf_bytes()),
        "phases-TOTAL_FORMS": 1, "phases-INITIAL_FORMS": 0, "phases-MIN_NUM_FORMS": 0,
        "phases-MAX_NUM_FORMS": 1000, "phases-0-title": "Diagnostic", "phases-0-days": "2",
    })
    assert response.status_code == 400
    assert not OfferVersion.objects.exists()


def test_intervenants_of_another_firm_are_refused(open_call, alpha_user, beta_user):
    invitation = open_call.invitations.get(prestataire__name="Cabinet Alpha")
    with pytest.raises(services.TenderRefused) as refused:
        services.submit_offer(
            invitation, by=alpha_user, method="x", price=Decimal(1),
            phases=[{"title": "a", "days": 1}], intervenants=[beta_user.intervenant],
            upload=SimpleUploadedFile("o.pdf", pdf_bytes()),
        )
    assert refused.value.missing == ["Un intervenant n'appartient pas à votre cabinet."]


def test_a_firm_not_invited_sees_nothing(client, open_call, alpha, db):
    from accounts.models import Role
    from directory.models import Intervenant, Prestataire
    from tests.conftest import make_user

    gamma = Prestataire.objects.create(name="Cabinet Gamma")
    user = make_user("gamma", Role.INTERVENANT)
    Intervenant.objects.create(prestataire=gamma, first_name="G", last_name="G", user=user)
    client.force_login(user)
    for name in ("invitation_detail", "offer_edit", "specification_pdf"):
        assert client.get(reverse(f"tenders:{name}", args=[open_call.pk])).status_code == 404
    assert "IC témoin" not in client.get(reverse("tenders:call_list")).text


def test_a_competitor_never_gets_an_offer(client, open_call, alpha_user, beta_user):
    alpha_version = submit(open_call, alpha_user, price="7777.00", method="Secret d'Alpha")
    beta_version = submit(open_call, beta_user)
    client.force_login(beta_user)
    assert client.get(reverse("tenders:offer_file", args=[alpha_version.pk])).status_code == 404
    response = client.get(reverse("tenders:offer_file", args=[beta_version.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    page = client.get(reverse("tenders:invitation_detail", args=[open_call.pk]))
    assert "7777" not in page.text and "Secret d" not in page.text


def test_decline_with_a_reason(open_call, beta_user):
    invitation = open_call.invitations.get(prestataire__name="Cabinet Beta")
    with pytest.raises(services.TenderRefused):
        services.declare_intent(invitation, by=beta_user, will_answer=False)
    services.declare_intent(invitation, by=beta_user, will_answer=False, reason="Plan de charge")
    invitation.refresh_from_db()
    assert invitation.get_status_display() == "Déclinée"
    with pytest.raises(services.TenderRefused) as refused:
        submit(open_call, beta_user)
    assert refused.value.missing == ["Vous avez décliné cet appel d'offres."]


def test_announcing_an_answer_closes_at_the_intent_deadline(open_call, alpha_user):
    invitation = open_call.invitations.get(prestataire__name="Cabinet Alpha")
    late = open_call.intent_deadline + datetime.timedelta(seconds=1)
    with pytest.raises(services.TenderRefused) as refused:
        services.declare_intent(invitation, by=alpha_user, will_answer=True, now=late)
    assert refused.value.missing == [
        f"La date pour annoncer une réponse était le {in_french(open_call.intent_deadline)}."
    ]
    services.declare_intent(invitation, by=alpha_user, will_answer=True,
                            now=open_call.intent_deadline)
    invitation.refresh_from_db()
    assert invitation.get_status_display() == "Répondra"
    # Announcing late does not bar the offer itself, due by the reply deadline.
    assert submit(open_call, alpha_user, now=late).number == 1
