"""Bringing people into the app without /admin/: a C2RA creates a DLA of its region, teams
invite their colleagues, a chargée adds a firm's intervenant typed once; the invitee's page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role, User
from directory.models import Intervenant, Organisation
from tests.conftest import make_user
from tests.directory.factories import IntervenantFactory, PrestataireFactory

PASSWORD = "une phrase bien solide"


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """A POST whose mails leave as its transaction commits (they wait for the commit)."""

    def send(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return send


@pytest.fixture
def mails(post):
    return mail.outbox


def link(message) -> str:
    line = next(line for line in message.body.splitlines() if "/comptes/invitation/" in line)
    return line.removeprefix("http://testserver")


def test_a_c2ra_creates_a_dla_whose_région_is_its_département(client, c2ra_staff):
    client.force_login(c2ra_staff)
    page = client.get(reverse("directory:team_dla_create"))
    choices = {str(d.pk) for d in page.context["form"].fields["departement"].queryset}
    assert "62" in choices and "33" not in choices  # its own region only
    assert "region" not in page.context["form"].fields

    response = client.post(
        reverse("directory:team_dla_create"),
        {"name": "DLA du Pas-de-Calais", "carrier": "France Active", "departement": "62"},
    )

    dla = Organisation.objects.get(name="DLA du Pas-de-Calais")
    assert (dla.kind, dla.region_id, dla.carrier) == ("dla", "32", "France Active")
    assert response.url == reverse("directory:team_organisation", args=[dla.pk])
    page = client.get(response.url)
    assert "Invitez sa première" in page.content.decode()
    assert page.context["form"].fields["role"].initial == Role.CHARGE_MISSION


def test_a_département_of_another_region_is_refused_beside_the_field(client, c2ra_staff):
    client.force_login(c2ra_staff)
    response = client.post(
        reverse("directory:team_dla_create"), {"name": "DLA de la Gironde", "departement": "33"}
    )
    assert response.status_code == 200 and response.context["form"].errors["departement"]
    assert response.context["form"]["name"].value() == "DLA de la Gironde"
    assert not Organisation.objects.filter(name="DLA de la Gironde").exists()


def test_the_model_derives_a_dla_région_from_its_département(db):
    dla = Organisation(kind="dla", name="DLA de la Somme", departement_id="80", region_id="75")
    dla.full_clean()
    assert dla.region_id == "32"


def test_a_chargée_invites_a_colleague_once_even_on_a_double_click(
    client, charge_mission, dla, mails, post
):
    client.force_login(charge_mission)
    url = reverse("directory:team_organisation", args=[dla.pk])
    data = {"first_name": "Léa", "last_name": "Petit", "email": "lea@example.org",
            "role": Role.CHARGE_MISSION}

    first, second = post(client, url, data), post(client, url, data)

    assert first.status_code == second.status_code == 302
    assert Invitation.objects.count() == 1 and len(mails) == 1
    page = client.get(url).content.decode()
    assert "lea@example.org" in page and "Renvoyer" in page and "Claire Martin" in page
    # The second click was told the first link still serves, and until when.
    assert "Invitation envoyée à lea@example.org." in page
    assert "déjà en attente pour lea@example.org, valable jusqu" in page


def test_a_bad_address_is_told_beside_the_field(client, charge_mission, dla):
    client.force_login(charge_mission)
    response = client.post(
        reverse("directory:team_organisation", args=[dla.pk]),
        {"first_name": "Léa", "last_name": "Petit", "email": "lea@", "role": "charge_mission"},
    )
    assert response.status_code == 200 and response.context["form"].errors["email"]
    assert not Invitation.objects.exists()


def test_a_chargée_may_not_give_the_c2ra_role(client, charge_mission, dla):
    client.force_login(charge_mission)
    response = client.post(
        reverse("directory:team_organisation", args=[dla.pk]),
        {"first_name": "Léa", "last_name": "Petit", "email": "lea@example.org", "role": "c2ra"},
    )
    assert response.status_code == 200 and response.context["form"].errors["role"]


def _invite(client, user, team_url, mails, post, **data):
    client.force_login(user)
    post(client, team_url, {"first_name": "Léa", "last_name": "Petit",
                           "email": "lea@example.org", **data})
    client.logout()
    return link(mails[-1])


def test_resend_kills_the_old_link_and_revoke_ends_the_invitation(
    client, charge_mission, dla, mails, post
):
    old = _invite(client, charge_mission, reverse(
        "directory:team_organisation", args=[dla.pk]), mails, post, role="charge_mission")
    invitation = Invitation.objects.get()
    client.force_login(charge_mission)
    post(client, reverse("directory:team_resend", args=[invitation.pk]))
    new = link(mails[-1])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200

    client.post(reverse("directory:team_revoke", args=[invitation.pk]))
    response = client.get(new)
    assert response.status_code == 410 and "annulée" in response.content.decode()


def test_the_invitee_sets_name_and_password_and_is_signed_in(
    client, charge_mission, dla, mails, post
):
    url = _invite(client, charge_mission, reverse(
        "directory:team_organisation", args=[dla.pk]), mails, post, role="charge_mission")
    page = client.get(url)
    assert page.context["form"]["first_name"].value() == "Léa"

    weak = client.post(url, {"first_name": "Léa", "last_name": "Petit",
                             "password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200 and weak.context["form"].errors["password1"]
    assert weak.context["form"]["last_name"].value() == "Petit"

    done = client.post(url, {"first_name": "Léa", "last_name": "Petit-Roy",
                             "password1": PASSWORD, "password2": PASSWORD})

    assert done.status_code == 302
    user = User.objects.get(username="lea@example.org")
    assert (user.last_name, user.organisation, user.role) == ("Petit-Roy", dla, "charge_mission")
    assert client.get(reverse("cycle:home")).context["user"] == user
    used = client.get(url)
    assert used.status_code == 410 and "déjà servi" in used.content.decode()


def test_an_expired_link_says_so(client, charge_mission, dla, mails, post):
    url = _invite(client, charge_mission, reverse(
        "directory:team_organisation", args=[dla.pk]), mails, post, role="charge_mission")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(url)
    assert response.status_code == 410 and "expiré" in response.content.decode()
    assert client.post(url, {"password1": PASSWORD}).status_code == 410
    assert not User.objects.filter(username="lea@example.org").exists()


def test_an_unknown_link_is_a_french_404(client, db):
    response = client.get(reverse("accept_invitation", args=["n-importe-quoi"]))
    assert response.status_code == 404 and "plus récent" in response.content.decode()


def test_an_intervenant_typed_once_on_the_firm_page_is_linked_on_acceptance(
    client, charge_mission, mails, post
):
    firm = PrestataireFactory(name="Cabinet Gamma")
    client.force_login(charge_mission)
    assert "Ajouter un intervenant" in client.get(
        reverse("directory:prestataire_detail", args=[firm.pk])
    ).content.decode()
    form = client.get(reverse("directory:intervenant_create", args=[firm.pk])).context["form"]
    assert form["invite"].value() is True  # checked by default

    post(client, reverse("directory:intervenant_create", args=[firm.pk]), {
        "first_name": "Inès", "last_name": "Durand", "email": "ines@gamma.fr", "invite": "on",
    })
    client.logout()
    intervenant = Intervenant.objects.get(prestataire=firm)
    assert intervenant.user is None and Invitation.objects.get().intervenant == intervenant

    client.post(link(mails[-1]), {"first_name": "Inès", "last_name": "Durand",
                                  "password1": PASSWORD, "password2": PASSWORD})

    intervenant.refresh_from_db()
    assert intervenant.user.username == "ines@gamma.fr"
    assert intervenant.user.role == Role.INTERVENANT
    assert Intervenant.objects.filter(prestataire=firm).count() == 1


def test_without_the_checkbox_or_an_email_no_invitation(client, charge_mission):
    firm = PrestataireFactory()
    client.force_login(charge_mission)
    url = reverse("directory:intervenant_create", args=[firm.pk])
    client.post(url, {"first_name": "Inès", "last_name": "Durand", "email": "ines@gamma.fr"})
    client.post(url, {"first_name": "Marc", "last_name": "Blanc", "invite": "on"})
    assert firm.intervenants.count() == 2 and not Invitation.objects.exists()
    again = client.post(url, {"first_name": "Inès", "last_name": "D.", "email": "INES@gamma.fr"})
    assert again.context["form"].errors["email"] and firm.intervenants.count() == 2


def test_an_intervenant_invites_a_firm_colleague_who_becomes_an_intervenant(
    client, db, mails, post
):
    firm = PrestataireFactory(name="Cabinet Gamma")
    ines = make_user("ines", Role.INTERVENANT)
    IntervenantFactory(prestataire=firm, user=ines)
    client.force_login(ines)
    assert client.get(reverse("directory:team")).url == reverse(
        "directory:team_firm", args=[firm.pk]
    )
    url = _invite(client, ines, reverse("directory:team_firm", args=[firm.pk]), mails, post,
                  role="intervenant")

    client.post(url, {"first_name": "Léa", "last_name": "Petit",
                      "password1": PASSWORD, "password2": PASSWORD})

    lea = Intervenant.objects.get(prestataire=firm, last_name="Petit")
    assert lea.user.username == "lea@example.org" and lea.email == "lea@example.org"


def test_the_admin_derives_the_région_too(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:directory_organisation_add"),
        {"kind": "dla", "name": "DLA de l'Aisne", "carrier": "", "departement": "02"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="DLA de l'Aisne").region_id == "32"


def test_an_account_made_meanwhile_for_the_address_is_told_not_a_500(
    client, charge_mission, dla, mails, post
):
    url = _invite(client, charge_mission, reverse(
        "directory:team_organisation", args=[dla.pk]), mails, post, role="charge_mission")
    make_user("lea", Role.CHARGE_MISSION, dla, email="lea@example.org")

    response = client.post(url, {"first_name": "Léa", "last_name": "Petit",
                                  "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 200 and "Un compte existe déjà" in response.content.decode()


def test_a_dla_is_not_created_twice(client, c2ra_staff, dla):
    client.force_login(c2ra_staff)
    response = client.post(
        reverse("directory:team_dla_create"), {"name": "dla du nord", "departement": "59"}
    )
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert Organisation.objects.filter(name__iexact="DLA du Nord").count() == 1
