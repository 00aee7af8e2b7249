"""The exchanges in Django's admin: every changelist and change page answers the admin,
searches and filters; what was written is read-only, nothing is added or deleted there."""

import pytest
from django.urls import reverse

from cycle.audiences import Visibility
from exchange import services
from exchange.models import Message
from tests.access.admin import EXCHANGE
from tests.exchange.factories import post, upload


@pytest.fixture
def samples(world):
    message = post(world.users["cm"], world.project, Visibility.TEAM, body="Compte rendu joint",
                   subject="Comité", files=[upload("cr.pdf")])
    note = services.write_note(by=world.users["cm"], project=world.project, body="À relancer")
    return {"thread": message.thread, "message": message,
            "attachment": message.attachments.get(), "note": note}


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.users["admin"])
    return client


@pytest.mark.parametrize("model", sorted(EXCHANGE))
def test_every_changelist_and_change_page_answers(admin_client, samples, model):
    changelist = reverse(f"admin:exchange_{model}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "Comité"}).status_code == 200
    change = reverse(f"admin:exchange_{model}_change", args=[samples[model].pk])
    assert admin_client.get(change).status_code == 200
    assert admin_client.get(reverse(f"admin:exchange_{model}_add")).status_code == 403
    delete = reverse(f"admin:exchange_{model}_delete", args=[samples[model].pk])
    assert admin_client.get(delete).status_code == 403


def test_search_and_filters_find_the_message(admin_client, samples):
    url = reverse("admin:exchange_message_changelist")
    found = admin_client.get(url, {"q": "Compte rendu", "visibility__exact": Visibility.TEAM})
    assert found.context["cl"].result_count == 1
    missed = admin_client.get(url, {"visibility__exact": Visibility.ALL})
    assert missed.context["cl"].result_count == 0


def test_a_message_keeps_its_text_and_author(admin_client, samples, world):
    message = samples["message"]
    response = admin_client.post(
        reverse("admin:exchange_message_change", args=[message.pk]),
        {"body": "Réécrit", "author": world.users["admin"].pk, "visibility": Visibility.ALL,
         "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 1},
    )
    assert response.status_code == 302
    message = Message.objects.get(pk=message.pk)
    assert (message.body, message.author) == ("Compte rendu joint", world.users["cm"])
    assert message.visibility == Visibility.ALL  # its audience may be corrected


def test_an_attachment_cannot_be_changed(admin_client, samples):
    attachment = samples["attachment"]
    response = admin_client.post(
        reverse("admin:exchange_attachment_change", args=[attachment.pk]),
        {"original_name": "autre.pdf"},
    )
    assert response.status_code == 403
    attachment.refresh_from_db()
    assert attachment.original_name == "cr.pdf"
