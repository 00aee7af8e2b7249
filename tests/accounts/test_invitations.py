"""Invitations: who may invite whom (accounts.rules), and a link that serves once, expires,
dies when revoked or re-sent, and is never doubled by a double click."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Role, User
from accounts.rules import C2RA_KIND, may_invite
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory import services as directory
from directory.models import StructureContact
from directory.vocabulary import OrganisationKind
from tests.conftest import make_user
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    IntervenantFactory,
    OrganisationFactory,
    PrestataireFactory,
)

BASE = "http://testserver/"


def test_the_c2ra_kind_is_the_directorys():
    assert C2RA_KIND == OrganisationKind.C2RA


@pytest.fixture
def far_dla(db):
    return OrganisationFactory(name="DLA de la Gironde", departement_id="33", region_id="75")


@pytest.fixture
def firm(db):
    return PrestataireFactory(name="Coopérative Conseil")


@pytest.fixture
def intervenant_user(firm):
    user = make_user("ines", Role.INTERVENANT)
    IntervenantFactory(prestataire=firm, user=user)
    return user


def _to(role, *, organisation=None, prestataire=None):
    return Invitation(role=role, organisation=organisation, prestataire=prestataire)


def test_admin_invites_anyone(admin_user, dla, c2ra, firm):
    for invitation in [
        _to(Role.C2RA, organisation=c2ra), _to(Role.CHARGE_MISSION, organisation=dla),
        _to(Role.INTERVENANT, prestataire=firm),
    ]:
        assert may_invite.test(admin_user, invitation)


def test_c2ra_invites_colleagues_and_chargés_of_its_regions_dlas(c2ra_staff, c2ra, dla, far_dla):
    assert may_invite.test(c2ra_staff, _to(Role.C2RA, organisation=c2ra))
    assert may_invite.test(c2ra_staff, _to(Role.CHARGE_MISSION, organisation=dla))
    assert not may_invite.test(c2ra_staff, _to(Role.CHARGE_MISSION, organisation=far_dla))
    assert not may_invite.test(c2ra_staff, _to(Role.C2RA, organisation=dla))
    other_c2ra = OrganisationFactory(regional=True, name="C2RA Nouvelle-Aquitaine", region_id="75")
    assert not may_invite.test(c2ra_staff, _to(Role.C2RA, organisation=other_c2ra))


def test_a_chargée_invites_colleagues_of_her_dla_and_firms_intervenants(
    charge_mission, dla, far_dla, c2ra, firm
):
    assert may_invite.test(charge_mission, _to(Role.CHARGE_MISSION, organisation=dla))
    assert not may_invite.test(charge_mission, _to(Role.CHARGE_MISSION, organisation=far_dla))
    assert not may_invite.test(charge_mission, _to(Role.C2RA, organisation=c2ra))
    assert not may_invite.test(charge_mission, _to(Role.C2RA, organisation=dla))
    assert may_invite.test(charge_mission, _to(Role.INTERVENANT, prestataire=firm))


def test_an_intervenant_invites_colleagues_of_their_firm_only(intervenant_user, firm, dla):
    assert may_invite.test(intervenant_user, _to(Role.INTERVENANT, prestataire=firm))
    assert not may_invite.test(
        intervenant_user, _to(Role.INTERVENANT, prestataire=PrestataireFactory())
    )
    assert not may_invite.test(intervenant_user, _to(Role.CHARGE_MISSION, organisation=dla))


def test_nobody_else_invites(dla, firm):
    inactive = make_user("gone", Role.CHARGE_MISSION, dla, is_active=False)
    for user in [AnonymousUser(), inactive]:
        assert not may_invite.test(user, _to(Role.CHARGE_MISSION, organisation=dla))
        assert not may_invite.test(user, _to(Role.INTERVENANT, prestataire=firm))


def invite(by, organisation, email="lea@example.org", **extra):
    fields = {"first_name": "Léa", "last_name": "Petit", "role": Role.CHARGE_MISSION}
    return services.invite(
        by=by, email=email, organisation=organisation, base_url=BASE, **{**fields, **extra}
    )


def link_token(message) -> str:
    line = next(line for line in message.body.splitlines() if "/comptes/invitation/" in line)
    return line.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def sent(charge_mission, dla, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, was_sent = invite(charge_mission, dla)
    assert was_sent
    return invitation, link_token(mail.outbox[-1])


def test_the_mail_is_french_plain_and_html_with_the_link(sent):
    message = mail.outbox[-1]
    assert message.to == ["lea@example.org"]
    assert "Bonjour Léa" in message.body and "7 jours" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and f"/comptes/invitation/{sent[1]}/" in html


def test_only_a_hash_of_the_token_is_stored(sent):
    invitation, token = sent
    invitation.refresh_from_db()
    assert token not in invitation.token_hash and invitation.token_hash == services.token_hash(
        token
    )


def test_acceptance_creates_the_account_once(sent, dla):
    _invitation, token = sent
    user = services.accept(token=token, first_name="Léa", last_name="Petit-Durand",
                           password="une phrase solide")
    assert (user.username, user.role, user.organisation) == (
        "lea@example.org", Role.CHARGE_MISSION, dla
    )
    assert user.check_password("une phrase solide") and user.last_name == "Petit-Durand"
    with pytest.raises(ValidationError):
        services.accept(token=token, first_name="X", last_name="Y", password="autre phrase")
    assert User.objects.filter(email="lea@example.org").count() == 1


def test_an_expired_link_does_not_serve(sent):
    invitation, token = sent
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        services.accept(token=token, first_name="Léa", last_name="Petit", password="phrase sûre")


def test_a_revoked_link_does_not_serve(sent, charge_mission):
    invitation, token = sent
    services.revoke(by=charge_mission, invitation_id=invitation.pk)
    with pytest.raises(ValidationError):
        services.accept(token=token, first_name="Léa", last_name="Petit", password="phrase sûre")
    with pytest.raises(ValidationError):  # nothing left to revoke or re-send
        services.resend(by=charge_mission, invitation_id=invitation.pk, base_url=BASE)


def test_resending_kills_the_old_link(sent, charge_mission, django_capture_on_commit_callbacks):
    invitation, old = sent
    with django_capture_on_commit_callbacks(execute=True):
        services.resend(by=charge_mission, invitation_id=invitation.pk, base_url=BASE)
    new = link_token(mail.outbox[-1])
    assert new != old and services.find_invitation(old) is None
    assert services.accept(token=new, first_name="Léa", last_name="Petit",
                           password="une phrase solide")


def test_inviting_twice_makes_one_invitation_and_one_mail(sent, charge_mission, dla):
    again, was_sent = invite(charge_mission, dla, email="LEA@example.org")
    assert again.pk == sent[0].pk and not was_sent
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_inviting_again_once_expired_sends_a_new_link(sent, charge_mission, dla):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    again, was_sent = invite(charge_mission, dla)
    assert again.pk == sent[0].pk and was_sent
    assert again.expires_at > timezone.now() + timedelta(days=6)


def test_only_who_may_resend_or_revoke(sent, other_charge_mission):
    with pytest.raises(PermissionDenied):
        services.revoke(by=other_charge_mission, invitation_id=sent[0].pk)
    with pytest.raises(PermissionDenied):
        services.resend(by=other_charge_mission, invitation_id=sent[0].pk, base_url=BASE)


def test_an_outsider_may_not_invite(other_charge_mission, dla):
    with pytest.raises(PermissionDenied):
        invite(other_charge_mission, dla)
    assert not Invitation.objects.exists()


def test_an_address_with_an_account_is_refused(charge_mission, dla):
    User.objects.filter(pk=charge_mission.pk).update(email="claire@example.org")
    with pytest.raises(ValidationError) as error:
        invite(charge_mission, dla, email="Claire@example.org")
    assert "email" in error.value.message_dict


def test_the_role_must_fit_the_team(admin_user, dla):
    with pytest.raises(ValidationError):
        invite(admin_user, dla, role=Role.C2RA)  # a DLA départemental has no C2RA staff


# --- a structure's contact (représentant·e de structure): the same link rules, by the page


@pytest.fixture
def structure_link(charge_mission, project, client, django_capture_on_commit_callbacks):
    structure = BeneficiaryStructureFactory()
    ProjectStructure.objects.create(
        project=project, structure=structure, status=ParticipationStatus.COMMITTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _sent = directory.invite_structure_contact(
            by=charge_mission, structure=structure, first_name="Nora", last_name="Lumière",
            email="nora@asso.example", base_url=BASE,
        )
    return invitation, link_token(mail.outbox[-1])


def accept_by_page(client, token):
    return client.post(reverse("accept_invitation", args=[token]), {
        "first_name": "Nora", "last_name": "Lumière", "password1": "une phrase solide",
        "password2": "une phrase solide",
    })


def _expire(invitation, charge_mission):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )


def _revoke(invitation, charge_mission):
    services.revoke(by=charge_mission, invitation_id=invitation.pk)


@pytest.mark.parametrize("kill", [_expire, _revoke], ids=["expired", "revoked"])
def test_a_dead_structure_contact_link_creates_nothing(
    structure_link, client, charge_mission, kill
):
    invitation, token = structure_link
    kill(invitation, charge_mission)

    assert accept_by_page(client, token).status_code == 410
    assert not User.objects.filter(email="nora@asso.example").exists()
    assert not StructureContact.objects.exists()


def test_a_structure_contact_link_works_once(structure_link):
    _invitation, token = structure_link
    assert accept_by_page(Client(), token).status_code == 302

    twin = Client()  # the link forwarded, or opened again in another browser
    assert accept_by_page(twin, token).status_code == 410
    assert twin.get(f"/comptes/invitation/{token}/").status_code == 410
    assert User.objects.filter(email="nora@asso.example").count() == 1
    assert StructureContact.objects.get().user.username == "nora@asso.example"
