"""A structure's representative loses everything of an IC on the very next request once the
structure leaves the IC, or the contact leaves the structure (access withdrawn, row deleted,
account deactivated): the Espace structure, the messages, their attachments, the documents
and their files. Nothing is cached in the session."""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from cycle import services as cycle
from cycle.audiences import Visibility
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from exchange import services as exchange
from notifications.models import Notification
from tests.dossier.factories import DocumentFactory
from tests.exchange.factories import build_world, post, upload


@pytest.fixture
def world(db, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    return build_world(charge_mission, other_charge_mission, c2ra_staff, admin_user)


def withdraw_the_structure(world):
    participation = ProjectStructure.objects.get(pk=world.participation.pk)
    cycle.move_participation(participation, status=ParticipationStatus.WITHDREW,
                             by=world.users["cm"], reason="Fusion")


def withdraw_the_contact(world):
    """« Retirer l'accès » on the IC's Acteurs tab, as the pilot does it."""
    pilot = Client()
    pilot.force_login(world.users["cm"])
    contact = world.users["structure"].structure_contact
    url = reverse("cycle:structure_contact_withdraw",
                  args=[world.project.pk, world.participation.pk, contact.pk])
    assert pilot.post(url).status_code == 302


def delete_the_contact(world):
    StructureContact.objects.filter(user=world.users["structure"]).delete()


def deactivate_the_account(world):
    type(world.users["structure"]).objects.filter(pk=world.users["structure"].pk).update(
        is_active=False
    )


REMOVALS = [withdraw_the_structure, withdraw_the_contact, delete_the_contact,
            deactivate_the_account]


def urls_of(world):
    project = world.project
    message = post(world.users["cm"], project, Visibility.STRUCTURES, subject="Comité",
                   body="Message partagé", files=[upload()])
    document = DocumentFactory(project=project, visibility=Visibility.STRUCTURES,
                               title="Convention partagée")
    return {
        "space": reverse("cycle:structure_space", args=[project.pk]),
        "messages": reverse("exchange:project", args=[project.pk]),
        "thread": reverse("exchange:thread", args=[project.pk, message.thread_id]),
        "attachment": reverse("exchange:attachment", args=[message.attachments.get().pk]),
        "documents": reverse("dossier:documents", args=[project.pk]),
        "document": reverse("dossier:document_detail", args=[document.pk]),
        "file": reverse("dossier:version_file", args=[document.versions.get().pk]),
    }


@pytest.mark.parametrize("remove", REMOVALS, ids=[r.__name__ for r in REMOVALS])
def test_access_is_removed_on_the_next_request(world, remove):
    urls = urls_of(world)
    representative = Client()
    representative.force_login(world.users["structure"])
    home = reverse("cycle:home")
    assert world.project.title in representative.get(home).content.decode()
    for name, url in urls.items():
        assert representative.get(url).status_code == 200, name

    remove(world)

    assert world.project.title not in representative.get(home).content.decode()
    for name, url in urls.items():
        response = representative.get(url)
        assert response.status_code in {302, 403, 404}, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for secret in (b"Message partag", b"Convention partag", b"%PDF-"):
            assert secret not in body, (name, secret)


@pytest.mark.parametrize("remove", REMOVALS, ids=[r.__name__ for r in REMOVALS])
def test_no_news_of_the_ic_once_access_is_removed(world, remove):
    """A follower of a thread (or one mentioned in it) hears nothing more once removed."""
    nora = world.users["structure"]
    first = post(world.users["cm"], world.project, Visibility.STRUCTURES, body="Premier")
    with TestCase.captureOnCommitCallbacks(execute=True):
        exchange.post_message(by=nora, thread=first.thread, body="Merci",
                              visibility=Visibility.STRUCTURES)  # nora now follows it

    remove(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        exchange.post_message(by=world.users["cm"], thread=first.thread,
                              body=f"Suite, @{nora.username}",
                              visibility=Visibility.STRUCTURES)

    assert not Notification.objects.filter(recipient=nora).exists()
