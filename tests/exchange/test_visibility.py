"""Every visibility level × every role: the message, its attachment, the note; a withdrawn
structure or contact loses access at once."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cycle.audiences import Visibility
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from exchange import services
from tests.exchange.factories import post, upload

ROLES = (
    "cm",
    "other_cm",
    "c2ra",
    "admin",
    "intervenant",
    "other_intervenant",
    "structure",
    "other_structure",
)
TEAM = {"cm", "c2ra", "admin"}
# The matrix the README gives: who sees a message of each level.
SEES = {
    Visibility.TEAM: TEAM,
    Visibility.PRESTATAIRE: TEAM | {"intervenant"},
    Visibility.STRUCTURES: TEAM | {"structure"},
    Visibility.ALL: TEAM | {"intervenant", "structure"},
}
CASES = [(level, role) for level in Visibility.values for role in ROLES]


@pytest.mark.parametrize(("level", "role"), CASES, ids=[f"{lv}-{r}" for lv, r in CASES])
def test_who_sees_a_message_and_its_attachment(client, world, level, role):
    body = f"Message {level} secret"
    message = post(world.users["cm"], world.project, level, body=body, files=[upload()])
    attachment = message.attachments.get()
    client.force_login(world.users[role])
    sees = role in SEES[level]

    listing = client.get(reverse("exchange:project", args=[world.project.pk]))
    detail = client.get(reverse("exchange:thread", args=[world.project.pk, message.thread_id]))
    download = client.get(reverse("exchange:attachment", args=[attachment.pk]))

    reaches_ic = role in TEAM | {"intervenant", "structure"}
    assert listing.status_code == (200 if reaches_ic else 404)
    assert (sees and "Sujet" in listing.content.decode()) == sees
    assert detail.status_code == (200 if sees else 404)
    if sees:
        assert body in detail.content.decode()
    assert download.status_code == (200 if sees else 404)
    if sees:
        assert b"".join(download.streaming_content).startswith(b"%PDF-")
        assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("role", ROLES)
def test_private_notes_are_the_dla_teams_only(client, world, role):
    services.write_note(by=world.users["cm"], project=world.project, body="Note sur cette IC")
    services.write_note(
        by=world.users["cm"],
        project=world.project,
        body="Note sur la structure",
        participation=world.participation,
    )
    client.force_login(world.users[role])

    page = client.get(reverse("exchange:project", args=[world.project.pk]))
    written = client.post(
        reverse("exchange:note_create", args=[world.project.pk]), {"body": "Une autre"}
    )

    content = page.content.decode() if page.status_code == 200 else ""
    assert ("Note sur cette IC" in content) == (role in TEAM)
    assert ("Note sur la structure" in content) == (role in TEAM)
    assert written.status_code == (302 if role in TEAM else 404)


def _detail(client, world, message):
    return client.get(reverse("exchange:thread", args=[world.project.pk, message.thread_id]))


def test_a_withdrawn_structure_loses_access_at_once(client, world):
    message = post(world.users["cm"], world.project, Visibility.STRUCTURES)
    client.force_login(world.users["structure"])
    assert _detail(client, world, message).status_code == 200

    ProjectStructure.objects.filter(pk=world.participation.pk).update(
        status=ParticipationStatus.WITHDREW, withdrawal_reason="Fusion"
    )

    assert _detail(client, world, message).status_code == 404
    attachment_less = client.get(reverse("exchange:project", args=[world.project.pk]))
    assert attachment_less.status_code == 404


def test_a_withdrawn_contact_loses_access_at_once(client, world):
    message = post(world.users["cm"], world.project, Visibility.ALL, files=[upload()])
    client.force_login(world.users["structure"])
    download = reverse("exchange:attachment", args=[message.attachments.get().pk])
    assert client.get(download).status_code == 200

    StructureContact.objects.filter(user=world.users["structure"]).update(
        withdrawn_at=timezone.now()
    )

    assert client.get(download).status_code == 404
    assert _detail(client, world, message).status_code == 404


def test_a_firm_invited_but_not_chosen_sees_nothing(client, world):
    """Only the assignment (the chosen firm) opens the IC to its intervenants."""
    message = post(world.users["cm"], world.project, Visibility.ALL)
    client.force_login(world.users["other_intervenant"])
    assert _detail(client, world, message).status_code == 404


@pytest.mark.parametrize(
    ("role", "level", "allowed"),
    [
        ("structure", Visibility.STRUCTURES, True),
        ("structure", Visibility.ALL, True),
        ("structure", Visibility.TEAM, False),
        ("structure", Visibility.PRESTATAIRE, False),
        ("intervenant", Visibility.PRESTATAIRE, True),
        ("intervenant", Visibility.STRUCTURES, False),
        ("c2ra", Visibility.TEAM, True),
    ],
)
def test_nobody_writes_to_an_audience_they_are_not_in(client, world, role, level, allowed):
    message = post(world.users["cm"], world.project, Visibility.ALL)
    client.force_login(world.users[role])

    response = client.post(
        reverse("exchange:thread", args=[world.project.pk, message.thread_id]),
        {"body": "Réponse", "visibility": level},
    )

    written = message.thread.messages.filter(body="Réponse", visibility=level).exists()
    assert written == allowed
    assert response.status_code == (302 if allowed else 200)
