"""The call and the invitation as state machines: each guard in French, one log row per
fired transition with its reason and details, and the state the migration derives."""

import datetime
import importlib

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tenders import services
from tenders.deadlines import in_french
from tenders.models import CallForTender, Invitation
from tenders.vocabulary import CallState, InvitationStatus
from workflows import machines as workflow
from workflows.machines import TransitionRefused
from workflows.models import TransitionLog

from .conftest import after_deadline, submit

migration = importlib.import_module("tenders.migrations.0003_call_and_invitation_machines")


def log_of(instance):
    return list(instance.history.order_by("at", "pk"))


def scored_and_opened(call, by, alpha_user):
    offer = submit(call, alpha_user).offer
    late = after_deadline(call)
    services.open_offers(call, by=by, now=late)
    criteria = call.project.specification.criteria.all()
    services.save_sheet(offer, by=by, values={c.pk: 3 for c in criteria}, now=late)
    return offer, late


# --- each guard, in today's words


def test_no_avenant_nor_extension_after_the_deadline(open_call, charge_mission):
    late = after_deadline(open_call)
    expected = (f"La date limite de dépôt des offres ({in_french(open_call.reply_deadline)}) "
                "est passée : l'appel d'offres ne peut plus changer.")
    for name in ("amend", "extend"):
        assert services.blockers(services.CALL, open_call, name, now=late) == [expected]
        open_call.as_of = late
        with pytest.raises(TransitionRefused) as refused:
            workflow.fire(services.CALL, open_call, name, by=charge_mission, comment="Oubli")
        assert refused.value.missing == [expected]
    assert not TransitionLog.objects.filter(call=open_call).exists()


def test_the_offers_stay_sealed_before_the_deadline(open_call, charge_mission):
    open_call.as_of = open_call.reply_deadline
    with pytest.raises(TransitionRefused) as refused:
        workflow.fire(services.CALL, open_call, "open_offers", by=charge_mission)
    assert refused.value.missing == [
        "Les offres restent scellées jusqu'à la date limite de dépôt "
        f"({in_french(open_call.reply_deadline)})."
    ]
    assert CallForTender.objects.get(pk=open_call.pk).state == CallState.OPEN


def test_no_signature_before_the_opening(open_call, charge_mission, alpha_user):
    offer = submit(open_call, alpha_user).offer
    with pytest.raises(services.TenderRefused) as refused:
        services.sign_selection(open_call, by=charge_mission, offers=[offer], reasons="Vite",
                                now=after_deadline(open_call))
    assert refused.value.missing[0] == "Ouvrez d'abord les offres."
    with pytest.raises(TransitionRefused) as refused:
        workflow.fire(services.CALL, open_call, "sign", by=charge_mission, comment="Vite")
    assert refused.value.missing == [
        "« Signature du choix » n'est pas possible : l'appel d'offres est « Ouvert aux offres »."
    ]


def test_only_its_pilots_fire_the_call(open_call, other_charge_mission):
    with pytest.raises(PermissionDenied):
        workflow.fire(services.CALL, open_call, "cancel", by=other_charge_mission,
                      comment="Pas le mien")


@pytest.mark.parametrize("end", ["signed", "cancelled"])
def test_nothing_after_signed_or_cancelled(open_call, charge_mission, alpha_user, end):
    if end == "signed":
        offer, late = scored_and_opened(open_call, charge_mission, alpha_user)
        services.sign_selection(open_call, by=charge_mission, offers=[offer],
                                reasons="Seule offre", now=late)
    else:
        services.cancel_call(open_call, by=charge_mission, reason="Budget retiré")
    call = CallForTender.objects.get(pk=open_call.pk)
    assert call.state == (CallState.SIGNED if end == "signed" else CallState.CANCELLED)
    assert workflow.menu(call, "state") == []
    count = TransitionLog.objects.count()
    for name in workflow.declared(CallForTender, "state"):
        with pytest.raises(TransitionRefused):
            workflow.fire(services.CALL, call, name, by=charge_mission, comment="Encore")
    assert TransitionLog.objects.count() == count


# --- one row of the one log per fired transition


def test_each_call_transition_is_one_row_with_its_reason_and_details(
    open_call, charge_mission, alpha_user
):
    later = open_call.reply_deadline + datetime.timedelta(days=7)
    before = open_call.reply_deadline
    services.extend_call(open_call, by=charge_mission, reply_deadline=later,
                         reason=" Vacances scolaires ")
    open_call.refresh_from_db()
    offer, late = scored_and_opened(open_call, charge_mission, alpha_user)
    services.sign_selection(open_call, by=charge_mission, offers=[offer],
                            reasons="Meilleure méthode", now=late)

    extend, opening, sign = log_of(open_call)
    assert (extend.transition, extend.source, extend.target, extend.by, extend.comment) == (
        "extend", CallState.OPEN, CallState.OPEN, charge_mission, "Vacances scolaires",
    )
    assert extend.details["before"]["reply_deadline"] == before.isoformat()
    assert extend.details["after"]["reply_deadline"] == later.isoformat()
    assert (opening.transition, opening.target, opening.at) == (
        "open_offers", CallState.OFFERS_OPENED, late,
    )
    assert (sign.transition, sign.target, sign.comment, sign.at) == (
        "sign", CallState.SIGNED, "Meilleure méthode", late,
    )
    call = CallForTender.objects.get(pk=open_call.pk)
    assert (call.state, call.selection_reasons, call.signed_at) == (
        CallState.SIGNED, "Meilleure méthode", late,
    )


def test_the_journal_names_each_step_as_declared(client, open_call, charge_mission):
    services.cancel_call(open_call, by=charge_mission, reason="Budget retiré")
    client.force_login(charge_mission)

    page = client.get(reverse("tenders:call_manage", args=[open_call.project_id]))

    journal = page.text.split('data-testid="events"')[1].split("</ul>")[0]
    assert "Annulation" in journal and "Budget retiré" in journal
    assert "Annuler l&#x27;appel d&#x27;offres" not in page.text  # nothing to do any more


def test_the_page_offers_what_the_machine_allows(client, open_call, charge_mission):
    client.force_login(charge_mission)
    url = reverse("tenders:call_manage", args=[open_call.project_id])
    page = client.get(url)
    assert "Prolonger" in page.text and "Ouvrir les offres" not in page.text

    CallForTender.objects.filter(pk=open_call.pk).update(
        reply_deadline=open_call.opened_at, intent_deadline=open_call.opened_at
    )
    page = client.get(url)
    assert "Ouvrir les offres" in page.text and "Prolonger" not in page.text


def test_each_answer_is_one_row_with_its_reason(open_call, alpha_user, beta_user):
    beta = open_call.invitations.get(prestataire__name="Cabinet Beta")
    services.declare_intent(beta, by=beta_user, will_answer=True)
    services.declare_intent(beta, by=beta_user, will_answer=False, reason="Plan de charge")
    version = submit(open_call, alpha_user)

    will, decline = log_of(beta)
    assert (will.transition, will.source, will.target, will.comment) == (
        "will_answer", InvitationStatus.INVITED, InvitationStatus.WILL_ANSWER, "",
    )
    assert (decline.transition, decline.target, decline.comment, decline.by) == (
        "decline", InvitationStatus.DECLINED, "Plan de charge", beta_user,
    )
    alpha = Invitation.objects.get(pk=version.offer.invitation_id)
    (submitted,) = log_of(alpha)
    assert (submitted.transition, submitted.target, submitted.details) == (
        "submit", InvitationStatus.SUBMITTED, {"version": 1},
    )
    assert alpha.status == InvitationStatus.SUBMITTED


def test_a_declined_firm_submits_nothing_and_a_submitted_one_declines_nothing(
    open_call, alpha_user, beta_user
):
    beta = open_call.invitations.get(prestataire__name="Cabinet Beta")
    services.declare_intent(beta, by=beta_user, will_answer=False, reason="Plan de charge")
    beta.refresh_from_db()
    assert [e["name"] for e in workflow.menu(beta, "status")] == ["will_answer", "decline"]
    submit(open_call, alpha_user)
    alpha = open_call.invitations.get(prestataire__name="Cabinet Alpha")
    assert [e["name"] for e in workflow.menu(alpha, "status")] == ["submit"]
    with pytest.raises(services.TenderRefused) as refused:
        services.declare_intent(alpha, by=alpha_user, will_answer=False, reason="Non")
    assert refused.value.missing == ["Votre offre est déjà déposée."]


# --- the state the migration derives from the dates


@pytest.mark.parametrize(("dates", "state"), [
    ({}, CallState.OPEN),
    ({"offers_opened_at": 1}, CallState.OFFERS_OPENED),
    ({"offers_opened_at": 1, "signed_at": 2}, CallState.SIGNED),
    ({"cancelled_at": 1}, CallState.CANCELLED),
    ({"offers_opened_at": 1, "cancelled_at": 2}, CallState.CANCELLED),
])
def test_the_migration_derives_the_state_from_the_dates(dates, state):
    moments = {"cancelled_at": None, "signed_at": None, "offers_opened_at": None}
    now = datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC)
    moments |= {name: now + datetime.timedelta(hours=h) for name, h in dates.items()}
    assert migration.state_from_dates(**moments) == state


def test_every_journal_kind_maps_to_a_declared_transition():
    declared = workflow.declared(CallForTender, "state")
    assert {name for name, _target in migration.KINDS.values()} == set(declared)
    for name, target in migration.KINDS.values():
        assert target in (None, declared[name].target)
