"""Opening a call: only from an issued cahier des charges at Confirmer, weights totalling 100."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from monographs.models import Criterion
from tenders import services
from tenders.models import CallForTender


def _open(project, by, firms, **overrides):
    now = timezone.now()
    arguments = {
        "prestataires": firms,
        "intent_deadline": now + datetime.timedelta(days=3),
        "reply_deadline": now + datetime.timedelta(days=10),
    } | overrides
    return services.open_call(project, by=by, **arguments)


def test_invitations_flag_firms_off_the_regions_list_and_mail_a_link(open_call, alpha, beta):
    flags = dict(open_call.invitations.values_list("prestataire__name", "approved"))
    assert flags == {"Cabinet Alpha": True, "Cabinet Beta": False}
    assert len(mail.outbox) == 2
    to_alpha = next(m for m in mail.outbox if "contact@alpha.example.org" in m.to)
    assert set(to_alpha.to) == {"contact@alpha.example.org", "ines@alpha.example.org"}
    assert f"https://ic.example.org/appels-d-offres/{open_call.pk}/" in to_alpha.body
    assert "Appel d'offres" in to_alpha.subject
    assert "(heure de Paris)" in to_alpha.body


def test_weights_must_total_100(issued, charge_mission, alpha):
    Criterion.objects.filter(specification__project=issued, label="Prix").update(weight=10)

    with pytest.raises(services.TenderRefused) as refused:
        _open(issued, charge_mission, [alpha])

    assert refused.value.missing == [
        "Les pondérations des critères totalisent 90 % : elles doivent totaliser 100 %."
    ]
    assert not CallForTender.objects.exists()


def test_refused_before_confirmer_and_without_an_issued_specification(project, charge_mission,
                                                                       alpha):
    with pytest.raises(services.TenderRefused) as refused:
        _open(project, charge_mission, [alpha])
    assert refused.value.missing == [
        "Un appel d'offres se lance à l'étape Confirmer.",
        "Rédigez d'abord le cahier des charges.",
        "Émettez d'abord le cahier des charges.",
    ]


def test_deadlines_must_be_ahead_and_ordered(issued, charge_mission, alpha):
    now = timezone.now()
    with pytest.raises(services.TenderRefused) as refused:
        _open(issued, charge_mission, [], reply_deadline=now - datetime.timedelta(hours=1),
              intent_deadline=now)
    assert refused.value.missing == [
        "Invitez au moins un prestataire.",
        "La date limite de dépôt des offres doit être à venir.",
        "La date pour annoncer une réponse doit précéder la date limite de dépôt.",
    ]


def test_only_its_pilots_open_a_call(issued, other_charge_mission, alpha):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _open(issued, other_charge_mission, [alpha])


def test_form_reads_paris_time_and_refuses_a_second_call(client, issued, charge_mission, alpha):
    client.force_login(charge_mission)
    url = reverse("tenders:call_open", args=[issued.pk])
    page = client.get(url)
    assert "Cabinet Alpha" in page.text

    response = client.post(url, {
        "prestataires": [alpha.pk], "intent_deadline": "2099-07-01T12:00",
        "reply_deadline": "2099-07-15T12:00", "may_contact_structures": "on",
    })

    assert response.status_code == 302
    call = CallForTender.objects.get()
    assert call.reply_deadline == datetime.datetime(2099, 7, 15, 10, 0, tzinfo=datetime.UTC)
    assert call.may_contact_structures and not call.structures_score
    assert client.get(url).status_code == 302


def test_an_ambiguous_paris_time_is_refused(client, issued, charge_mission, alpha):
    # 2099-10-25 02:30 happens twice in Paris (the clocks go back at 03:00).
    client.force_login(charge_mission)
    response = client.post(reverse("tenders:call_open", args=[issued.pk]), {
        "prestataires": [alpha.pk], "intent_deadline": "2099-10-20T12:00",
        "reply_deadline": "2099-10-25T02:30",
    })
    assert response.status_code == 400
    assert "Europe/Paris" in response.text
    assert not CallForTender.objects.exists()
