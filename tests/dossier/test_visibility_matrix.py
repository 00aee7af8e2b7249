"""Who sees an IC's exchanges, checked against the one hand-written matrix
(tests/visibility_matrix.py): for every level and every role, the message, its attachment
(download URL), the document, its file (download URL), the private notes; a thread of mixed
levels; a deleted document."""

import datetime

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cycle.audiences import Visibility
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from dossier import services as dossier
from exchange import services as exchange
from tenders.models import CallForTender
from tenders.models import Invitation as TenderInvitation
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory, OrganisationFactory
from tests.dossier.factories import DocumentFactory
from tests.exchange.factories import build_world, post, upload
from tests.visibility_matrix import LEVELS, READS_DELETED, ROLES, sees, sees_notes

CASES = [(level, role) for level in LEVELS for role in ROLES]


def test_the_matrix_covers_every_declared_level():
    """A level added to the product without its row here fails."""
    assert set(Visibility.values) == set(LEVELS)


@pytest.fixture
def world(db, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    world = build_world(charge_mission, other_charge_mission, c2ra_staff, admin_user)
    # The other firm is invited to tender on THIS IC too, and is not chosen.
    now = timezone.now()
    call = CallForTender.objects.create(
        project=world.project, opened_by=charge_mission,
        intent_deadline=now + datetime.timedelta(days=3),
        reply_deadline=now + datetime.timedelta(days=10),
    )
    other_firm = world.users["other_intervenant"].intervenant.prestataire
    TenderInvitation.objects.create(call=call, prestataire=other_firm)
    # A structure only contacted about this IC: its contact has an account, no access yet.
    contacted = make_user("paul", Role.STRUCTURE)
    structure = BeneficiaryStructureFactory()
    ProjectStructure.objects.create(project=world.project, structure=structure,
                                    status=ParticipationStatus.CONTACTED)
    StructureContact.objects.create(structure=structure, user=contacted)
    far_c2ra = OrganisationFactory(regional=True, name="DLA régional Occitanie", region_id="76")
    users = world.users
    world.users = {
        "pilot": users["cm"], "other_cm": users["other_cm"], "c2ra": users["c2ra"],
        "admin": users["admin"], "chosen": users["intervenant"],
        "not_chosen": users["other_intervenant"], "structure": users["structure"],
        "other_structure": users["other_structure"], "anonymous": None,
        "other_c2ra": make_user("c2ra2", Role.C2RA, far_c2ra), "contacted": contacted,
    }
    return world


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def pages_of(client, project) -> str:
    """Every page that lists an IC's exchanges or documents, as this client gets them."""
    urls = [
        reverse("exchange:project", args=[project.pk]),
        reverse("dossier:documents", args=[project.pk]),
        reverse("cycle:structure_space", args=[project.pk]),
        reverse("cycle:project_detail", args=[project.pk]),
        reverse("cycle:home"),
    ]
    return "".join(client.get(url).content.decode() for url in urls)


def served(response, start=b"%PDF-") -> bool:
    """The file itself, as a download (never shown inline in the browser)."""
    if response.status_code != 200:
        return False
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content).startswith(start)


@pytest.mark.parametrize(("level", "role"), CASES, ids=[f"{lv}-{r}" for lv, r in CASES])
def test_who_sees_a_message_and_downloads_its_attachment(world, level, role):
    secret = f"Message {level} confidentiel"
    message = post(world.users["pilot"], world.project, level, subject=f"Sujet {level}",
                   body=secret, files=[upload("piece-jointe.pdf")])
    client = client_of(world.users[role])
    expected = sees(role, level)

    detail = client.get(
        reverse("exchange:thread", args=[world.project.pk, message.thread_id])
    )
    download = client.get(
        reverse("exchange:attachment", args=[message.attachments.get().pk])
    )
    listed = pages_of(client, world.project)

    assert (detail.status_code == 200 and secret in detail.content.decode()) is expected
    assert served(download) is expected
    assert (f"Sujet {level}" in listed) is expected
    if not expected:
        assert secret not in listed and detail.status_code in {302, 403, 404}


@pytest.mark.parametrize(("level", "role"), CASES, ids=[f"{lv}-{r}" for lv, r in CASES])
def test_who_sees_a_document_and_downloads_its_file(world, level, role):
    document = DocumentFactory(project=world.project, visibility=level,
                               title=f"Pièce {level} confidentielle")
    version = document.versions.get()
    client = client_of(world.users[role])
    expected = sees(role, level)

    detail = client.get(reverse("dossier:document_detail", args=[document.pk]))
    download = client.get(reverse("dossier:version_file", args=[version.pk]))
    listed = pages_of(client, world.project)

    assert (detail.status_code == 200 and document.title in detail.content.decode()) is expected
    assert served(download) is expected
    assert (document.title in listed) is expected
    if not expected:
        assert detail.status_code in {302, 403, 404}


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_private_notes(world, role):
    pilot = world.users["pilot"]
    exchange.write_note(by=pilot, project=world.project, body="Note privée sur cette IC")
    exchange.write_note(by=pilot, project=world.project, body="Note privée sur la structure",
                        participation=world.participation)
    client = client_of(world.users[role])

    listed = pages_of(client, world.project)
    written = client.post(
        reverse("exchange:note_create", args=[world.project.pk]), {"body": "Une note de plus"}
    )

    assert ("Note privée sur cette IC" in listed) is sees_notes(role)
    assert ("Note privée sur la structure" in listed) is sees_notes(role)
    assert (written.status_code == 302 and world.project.exchange_notes.filter(
        body="Une note de plus").exists()) is sees_notes(role)


@pytest.mark.parametrize("role", ROLES)
def test_a_thread_of_mixed_levels_shows_each_only_its_levels(world, role):
    """One thread, opened to all, answered at every level: each reader is shown, in the
    thread and in every listing (last message, unread counts), only the messages of the
    levels they see, and is served only their attachments."""
    pilot = world.users["pilot"]
    first = post(pilot, world.project, "all", subject="Fil commun", body="Ouverture commune")
    answers = {}
    for level in LEVELS:
        with TestCase.captureOnCommitCallbacks(execute=True):
            answers[level] = exchange.post_message(
                by=pilot, thread=first.thread, body=f"Réponse niveau {level}",
                visibility=level, files=[upload(f"piece-{level}.pdf")],
            )
    client = client_of(world.users[role])

    detail = client.get(reverse("exchange:thread", args=[world.project.pk, first.thread_id]))
    shown = detail.content.decode() if detail.status_code == 200 else ""
    listed = pages_of(client, world.project)

    for level, message in answers.items():
        expected = sees(role, level)
        assert (f"Réponse niveau {level}" in shown) is expected, level
        assert (f"piece-{level}.pdf" in shown) is expected, level
        if not expected:
            assert f"Réponse niveau {level}" not in listed, level
        download = client.get(reverse("exchange:attachment",
                                      args=[message.attachments.get().pk]))
        assert served(download) is expected, level



@pytest.mark.parametrize("role", ROLES)
def test_who_still_reads_a_deleted_document(world, role):
    document = DocumentFactory(project=world.project, visibility="all", title="Pièce retirée")
    dossier.delete_document(document=document, reason="Doublon", by=world.users["pilot"])
    client = client_of(world.users[role])

    detail = client.get(reverse("dossier:document_detail", args=[document.pk]))
    download = client.get(reverse("dossier:version_file", args=[document.versions.get().pk]))

    expected = role in READS_DELETED
    assert (detail.status_code == 200 and "Pièce retirée" in detail.content.decode()) is expected
    assert served(download) is expected
    if not expected:
        assert "Pièce retirée" not in pages_of(client, world.project)
