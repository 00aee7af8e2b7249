"""The demo: an IC at « finaliser les modalités » with an open call and two offers."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from cycle.states import State
from tenders.deadlines import on_time
from tenders.models import CallForTender, OfferVersion


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as the command's commits would
        call_command("load_demo", stdout=StringIO())


def test_demo_call_is_open_with_two_offers_from_two_firms(demo, client, private_root):
    call = CallForTender.objects.select_related("project").get()
    assert call.project.state == State.MODALITES
    assert call.project.specification_issued_on is not None
    assert on_time(call.reply_deadline)
    offers = OfferVersion.objects.select_related("offer__invitation__prestataire")
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


def test_second_run_adds_nothing(demo):
    counts = (CallForTender.objects.count(), OfferVersion.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (CallForTender.objects.count(), OfferVersion.objects.count()) == counts == (1, 2)
