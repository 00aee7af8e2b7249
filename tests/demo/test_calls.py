"""The demo: an open call with two offers and an avenant, and a signed call whose stored
documents verify (issue 11)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from cycle.states import State
from demo.calls import AMENDMENT, SIGNED_TITLE
from monographs.models import IssuedSpecification
from tenders.deadlines import on_time
from tenders.models import CallForTender, OfferVersion, SignedDocument


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as the command's commits would
        call_command("load_demo", stdout=StringIO())


def test_demo_call_is_open_with_two_offers_from_two_firms(demo, client, private_root):
    call = CallForTender.objects.select_related("project").get(signed_at__isnull=True)
    assert call.project.state == State.MODALITES
    assert call.project.specification_issued_on is not None
    assert on_time(call.reply_deadline)
    offers = OfferVersion.objects.filter(offer__invitation__call=call).select_related(
        "offer__invitation__prestataire"
    )
    assert {v.offer.invitation.prestataire.name for v in offers} == {
        "Coopérative Conseil Solidaire", "Atelier Territoires et Emploi",
    }
    assert all((private_root / "tenders" / v.file_name).exists() for v in offers)

    client.force_login(User.objects.get(username="intervenant"))
    page = client.get(reverse("tenders:call_list"))
    assert escape(call.project.title) in page.text
    detail = client.get(reverse("tenders:invitation_detail", args=[call.pk]))
    assert "Modifier mon offre" in detail.text
    client.force_login(User.objects.get(username="claire"))
    manage = client.get(reverse("tenders:call_manage", args=[call.project_id]))
    assert "Atelier Territoires et Emploi" in manage.text


def test_the_open_call_has_an_avenant_its_firms_see(demo, client):
    call = CallForTender.objects.get(signed_at__isnull=True)
    versions = IssuedSpecification.objects.filter(specification__project=call.project)
    assert [(v.number, v.reason) for v in versions] == [(1, ""), (2, AMENDMENT)]
    assert all(v.verifies() for v in versions)
    client.force_login(User.objects.get(username="intervenant"))
    detail = client.get(reverse("tenders:invitation_detail", args=[call.pk]))
    assert "Cahier des charges en vigueur : version 2" in detail.text


def test_the_signed_call_stores_documents_that_verify(demo, client):
    call = CallForTender.objects.select_related("project").get(signed_at__isnull=False)
    assert call.project.title == SIGNED_TITLE
    assert call.offers_opened_by.username == "claire"
    documents = list(SignedDocument.objects.filter(call=call))
    assert sorted(d.kind for d in documents) == ["lettre", "lettre", "proces_verbal"]
    assert all(d.verifies() for d in documents)
    client.force_login(User.objects.get(username="claire"))
    report = client.get(reverse("tenders:report_pdf", args=[call.project_id]))
    assert report["X-Content-SHA256"] == next(d.sha256 for d in documents if not d.invitation)
    assert call.scorers.count() == 2


def test_second_run_adds_nothing(demo):
    counts = (CallForTender.objects.count(), OfferVersion.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (CallForTender.objects.count(), OfferVersion.objects.count()) == counts == (2, 4)
