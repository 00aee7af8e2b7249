"""Sealed offers, letters that speak of their addressee only, each scorer's own grid,
and a deadline whose text and rule agree (issue 11)."""

import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Role
from tenders import services
from tenders.forms import CallForm, ExtendForm
from tenders.models import CallForTender, ScoreSheet
from tests.conftest import make_user
from workflows.models import TransitionLog

from .conftest import after_deadline, submit

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)


def values(call, *scores):
    criteria = call.project.specification.criteria.all()
    return {c.pk: v for c, v in zip(criteria, scores, strict=True)}


@pytest.fixture
def offers(open_call, alpha_user, beta_user):
    return (submit(open_call, alpha_user, price="9123.45").offer,
            submit(open_call, beta_user, price="8765.43").offer)


# --- sealed offers


def sealed_urls(call, offers):
    project = call.project_id
    return [
        reverse("tenders:offer_file", args=[offers[0].current.pk]),
        reverse("tenders:offer_file", args=[offers[1].current.pk]),
        reverse("tenders:sheet_edit", args=[offers[0].pk]),
        reverse("tenders:selection_sign", args=[project]),
        reverse("tenders:report_pdf", args=[project]),
    ]


@pytest.mark.parametrize("when", ["before_deadline", "after_deadline_not_opened"])
def test_pilots_see_who_answered_and_when_nothing_else(client, open_call, offers,
                                                       charge_mission, when):
    if when == "after_deadline_not_opened":
        CallForTender.objects.filter(pk=open_call.pk).update(
            reply_deadline=open_call.opened_at, intent_deadline=open_call.opened_at
        )
    client.force_login(charge_mission)

    page = client.get(reverse("tenders:call_manage", args=[open_call.project_id]))

    assert "Cabinet Alpha" in page.text and "Offre déposée" in page.text
    for price in ("9123", "9 123", "9\u202f123", "8765", "8 765", "8\u202f765"):
        assert price not in page.text
    assert reverse("tenders:offer_file", args=[offers[0].current.pk]) not in page.text
    for url in sealed_urls(open_call, offers):
        assert client.get(url).status_code == 404, url
    # the admin too: the sealed files are the firms' until the opening
    admin = make_user("root", Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(sealed_urls(open_call, offers)[0]).status_code == 404
    admin_page = reverse("admin:tenders_offer_change", args=[offers[0].pk])
    assert client.get(admin_page).status_code == 302  # « does not exist »: back to the index


def test_opening_waits_for_the_deadline_and_is_recorded(client, open_call, offers,
                                                        charge_mission):
    with pytest.raises(services.TenderRefused) as refused:
        services.open_offers(open_call, by=charge_mission, now=open_call.reply_deadline)
    assert refused.value.missing[0].startswith("Les offres restent scellées jusqu'à")

    late = after_deadline(open_call)
    services.open_offers(open_call, by=charge_mission, now=late)

    open_call.refresh_from_db()
    assert (open_call.offers_opened_at, open_call.offers_opened_by) == (late, charge_mission)
    event = TransitionLog.objects.get(call__isnull=False, transition="open_offers")
    assert (event.by, event.at) == (charge_mission, late)
    client.force_login(charge_mission)
    page = client.get(reverse("tenders:call_manage", args=[open_call.project_id]))
    assert "Offres ouvertes le" in page.text and "Claire Martin" in page.text
    assert client.get(sealed_urls(open_call, offers)[0]).status_code == 200
    with pytest.raises(services.TenderRefused):
        services.open_offers(open_call, by=charge_mission, now=late)


# --- letters speak of their addressee only


def test_tied_letters_name_no_competitor_and_no_one_ties_with_itself(
    client, open_call, offers, charge_mission, alpha_user, beta_user
):
    late = after_deadline(open_call)
    services.open_offers(open_call, by=charge_mission, now=late)
    for offer in offers:  # the same grid: 60 / 100 each, no criterion separates them
        services.save_sheet(offer, by=charge_mission, values=values(open_call, 3, 3, 3, 3, 3),
                            now=late)
    services.sign_selection(open_call, by=charge_mission, offers=[offers[0]],
                            reasons="Meilleure connaissance du territoire", now=late)
    letters = {}
    for user, offer in ((alpha_user, offers[0]), (beta_user, offers[1])):
        client.force_login(user)
        response = client.get(reverse("tenders:letter_pdf", args=[offer.invitation.pk]))
        letters[str(offer.invitation.prestataire)] = pdf_text(response.content)

    assert "Cabinet Beta" not in letters["Cabinet Alpha"]
    assert "Cabinet Alpha" not in letters["Cabinet Beta"]
    for text in letters.values():
        assert "Égalité à 60,00 / 100 avec une autre offre" in text
        assert "Égalité avec" not in text
        assert "rang 1" in text


# --- each scorer owns his grid


@pytest.fixture
def second_pilot(dla):
    return make_user("cm-b", Role.CHARGE_MISSION, dla, first_name="Bruno", last_name="Petit")


def test_one_scorer_cannot_overwrite_another_grid(client, open_call, offers, charge_mission,
                                                  second_pilot):
    late = after_deadline(open_call)
    CallForTender.objects.filter(pk=open_call.pk).update(reply_deadline=open_call.opened_at,
                                                         intent_deadline=open_call.opened_at)
    services.open_offers(open_call, by=charge_mission, now=late)
    sheet = services.save_sheet(offers[0], by=charge_mission,
                                values=values(open_call, 4, 4, 4, 4, 4), comment="Claire")
    scorer = sheet.scorer
    client.force_login(second_pilot)
    url = reverse("tenders:sheet_edit", args=[offers[0].pk]) + f"?evaluateur={scorer.pk}"
    data = {f"c{pk}": "0" for pk in values(open_call, 0, 0, 0, 0, 0)} | {"comment": "écrasé"}

    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404

    sheet.refresh_from_db()
    assert sheet.comment == "Claire"
    assert sorted(sheet.scores.values_list("value", flat=True)) == [4] * 5
    with pytest.raises(services.PermissionDenied):
        services.save_sheet(offers[0], by=second_pilot, scorer=scorer,
                            values=values(open_call, 0, 0, 0, 0, 0))
    # Without the parameter he writes his own grid, under his own name.
    assert client.post(reverse("tenders:sheet_edit", args=[offers[0].pk]), data).status_code == 302
    own = ScoreSheet.objects.get(offer=offers[0], scorer__user=second_pilot)
    assert own.scorer.name == "Bruno Petit" and own.updated_by == second_pilot


def test_an_admin_corrects_a_grid_as_himself_logged(client, open_call, offers, charge_mission,
                                                   admin_user):
    CallForTender.objects.filter(pk=open_call.pk).update(reply_deadline=open_call.opened_at,
                                                         intent_deadline=open_call.opened_at)
    services.open_offers(open_call, by=charge_mission, now=after_deadline(open_call))
    sheet = services.save_sheet(offers[0], by=charge_mission,
                                values=values(open_call, 4, 4, 4, 4, 4))
    client.force_login(admin_user)
    url = reverse("tenders:sheet_edit", args=[offers[0].pk]) + f"?evaluateur={sheet.scorer.pk}"
    data = {f"c{pk}": "3" for pk in values(open_call, 0, 0, 0, 0, 0)}

    assert client.post(url, data).status_code == 302

    sheet.refresh_from_db()
    assert sheet.updated_by == admin_user and sheet.scorer.user == charge_mission
    event = TransitionLog.objects.get(call__isnull=False, transition="correct")
    assert event.by == admin_user and event.details["scorer"] == "Claire Martin"
    assert sorted(v for _pk, v in event.details["before"]) == [4] * 5


# --- the deadline: rule and text agree, to the second


def test_the_deadline_boundary_second_and_its_text(open_call, alpha_user):
    deadline = datetime.datetime(2026, 12, 15, 8, 48, tzinfo=PARIS)
    CallForTender.objects.filter(pk=open_call.pk).update(
        reply_deadline=deadline, intent_deadline=deadline
    )
    open_call.refresh_from_db()

    assert submit(open_call, alpha_user, now=deadline).number == 1
    with pytest.raises(services.TenderRefused):
        submit(open_call, alpha_user, now=deadline + datetime.timedelta(seconds=5))

    for form in (CallForm(), ExtendForm()):
        text = str(form.fields["reply_deadline"].help_text)
        assert "incluse" not in text
        assert "08:48:05 pour une limite à 08:48 est refusée" in text
