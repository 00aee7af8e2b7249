"""Firms' contacts: changed only by an admin or the firm's own intervenants, each change
logged; tender mail goes to the recorded contacts (issue 11: any chargé de mission could
redirect a firm's invitations and results)."""

from django.core import mail
from django.urls import reverse

from directory.models import Prestataire

from .conftest import submit


def firm_form(firm, email):
    return {"name": firm.name, "siret": "", "departement": "", "email": email,
            "approved_regions": [r.pk for r in firm.approved_regions.all()]}


def test_a_chargé_de_mission_cannot_redirect_a_firms_mail(client, alpha, charge_mission):
    client.force_login(charge_mission)
    url = reverse("directory:prestataire_update", args=[alpha.pk])

    response = client.post(url, firm_form(alpha, "pirate@example.org"))

    assert response.status_code == 302
    alpha.refresh_from_db()
    assert alpha.email == "contact@alpha.example.org"
    assert "Modifiable par un administrateur" in client.get(url).text


def test_an_admin_changes_it_and_the_history_says_who(client, alpha, admin_user):
    client.force_login(admin_user)
    url = reverse("directory:prestataire_update", args=[alpha.pk])

    client.post(url, firm_form(alpha, "appels@alpha.example.org"))

    alpha.refresh_from_db()
    assert alpha.email == "appels@alpha.example.org"
    assert alpha.history.first().history_user == admin_user


def test_the_firms_intervenant_changes_its_contacts_logged(client, alpha, alpha_user, beta):
    client.force_login(alpha_user)
    url = reverse("tenders:firm_contacts")
    assert client.post(url, {"firm_email": "pas-un-courriel"}).status_code == 400

    response = client.post(url, {"firm_email": "ao@alpha.example.org",
                                 "own_email": "ines.alpha@example.org"})

    assert response.status_code == 302
    alpha.refresh_from_db()
    assert alpha.email == "ao@alpha.example.org"
    assert alpha.history.first().history_user == alpha_user
    intervenant = alpha_user.intervenant
    intervenant.refresh_from_db()
    assert intervenant.history.first().history_user == alpha_user
    assert Prestataire.objects.get(pk=beta.pk).email == "contact@beta.example.org"


def test_tender_mail_goes_to_the_recorded_contacts(open_call, charge_mission, alpha_user,
                                                   beta_user, alpha):
    from tenders import services

    Prestataire.objects.filter(pk=alpha.pk).update(email="nouveau@alpha.example.org")
    submit(open_call, alpha_user)
    mail.outbox.clear()
    services.cancel_call(open_call, by=charge_mission, reason="Budget retiré")
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == ["contact@beta.example.org", "ines@alpha.example.org",
                          "nouveau@alpha.example.org"]
