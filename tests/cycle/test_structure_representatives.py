"""The fifth role, représentant·e de structure: invited by a pilot for a committed structure,
their « Espace structure » per IC and nothing else, lost at once when withdrawn."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts
from accounts.models import Invitation, Role
from cycle import services
from cycle.models import Objective, PlannedPhase, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory import services as directory
from directory.models import StructureContact
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory

BASE = "http://testserver"
COMMITTED, IDENTIFIED = ParticipationStatus.COMMITTED, ParticipationStatus.IDENTIFIED


def participate(project, status=COMMITTED, **fields):
    structure = BeneficiaryStructureFactory(**fields)
    return ProjectStructure.objects.create(project=project, structure=structure, status=status)


def invite(by, structure, email="nora@asso.example"):
    return directory.invite_structure_contact(
        by=by, structure=structure, first_name="Nora", last_name="Lumière", email=email,
        base_url=BASE,
    )


def token_of(message) -> str:
    line = next(line for line in message.body.splitlines() if "/comptes/invitation/" in line)
    return line.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def committed(project):
    return participate(project, name="Association Lumière")


@pytest.fixture
def representative(committed):
    user = make_user("nora", Role.STRUCTURE)
    StructureContact.objects.create(structure=committed.structure, user=user)
    return user


def space_url(project):
    return reverse("cycle:structure_space", args=[project.pk])


# --- who may invite


def test_a_pilot_invites_a_contact_of_a_committed_structure(
    charge_mission, committed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, sent = invite(charge_mission, committed.structure)
    assert sent and invitation.role == Role.STRUCTURE
    assert invitation.structure == committed.structure and invitation.organisation is None
    message = mail.outbox[-1]
    assert message.to == ["nora@asso.example"] and "Association Lumière" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_no_invitation_for_a_structure_not_committed(charge_mission, project):
    identified = participate(project, status=IDENTIFIED)
    with pytest.raises(PermissionDenied):
        invite(charge_mission, identified.structure)
    assert not Invitation.objects.exists()


def test_no_invitation_from_who_does_not_pilot_the_ic(
    committed, other_charge_mission, c2ra_staff, intervenant_user
):
    for outsider in (other_charge_mission, c2ra_staff, intervenant_user):
        with pytest.raises(PermissionDenied):
            invite(outsider, committed.structure)
    assert not Invitation.objects.exists()


@pytest.fixture
def intervenant_user(db):
    return make_user("interv", Role.INTERVENANT)


def test_a_representative_belongs_to_no_dla(dla):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("mixed", Role.STRUCTURE, dla)


# --- the link: sets a password once, expires


@pytest.fixture
def link(charge_mission, committed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _sent = invite(charge_mission, committed.structure)
    return invitation, token_of(mail.outbox[-1])


def test_accepting_makes_the_account_a_contact_of_the_structure(link, committed, client):
    _invitation, token = link
    response = client.post(
        reverse("accept_invitation", args=[token]),
        {"first_name": "Nora", "last_name": "Lumière", "password1": "une phrase solide",
         "password2": "une phrase solide"},
    )
    assert response.status_code == 302
    contact = StructureContact.objects.get(user__username="nora@asso.example")
    assert contact.structure == committed.structure and contact.user.role == Role.STRUCTURE
    assert contact.user.organisation is None
    assert client.get(space_url(committed.project)).status_code == 200
    # Single use: the same link a second time serves no more.
    assert client.get(reverse("accept_invitation", args=[token])).status_code == 410


def test_an_expired_link_does_not_serve(link):
    invitation, token = link
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        accounts.accept(token=token, first_name="Nora", last_name="L", password="phrase sûre")
    assert not StructureContact.objects.exists()


# --- what they see


def test_their_space_shows_what_is_shared_and_nothing_else(client, representative, committed):
    project = committed.project
    Objective.objects.create(project=project, kind="operationnel", text="Mutualiser un local")
    PlannedPhase.objects.create(project=project, title="Diagnostic partagé", position=1)
    participate(project, name="Régie Voisine")
    client.force_login(representative)

    page = client.get(space_url(project)).content.decode()

    assert "Mutualiser un local" in page and "Diagnostic partagé" in page
    assert "Association Lumière" in page and "Claire Martin" in page  # the DLA's contact
    assert "Régie Voisine" not in page  # never another structure
    assert "Budget" not in page and "Grille" not in page


def test_their_home_lists_their_ics_only(client, representative, committed, project_factory):
    other = project_factory(title="IC sans eux")
    participate(other)
    client.force_login(representative)
    page = client.get(reverse("cycle:home")).content.decode()
    assert committed.project.title in page and "IC sans eux" not in page


def test_never_the_full_ic_page_nor_another_ics_space(
    client, representative, committed, project_factory
):
    other = project_factory(title="IC voisine")
    client.force_login(representative)
    assert client.get(reverse("cycle:project_detail", args=[committed.project.pk])).status_code \
        == 404
    assert client.get(space_url(other)).status_code == 404


def test_the_structure_withdrawn_from_the_ic_loses_access_at_once(
    client, representative, committed, charge_mission
):
    client.force_login(representative)
    assert client.get(space_url(committed.project)).status_code == 200
    services.move_participation(
        committed, status=ParticipationStatus.WITHDREW, by=charge_mission, reason="Fusion"
    )
    assert client.get(space_url(committed.project)).status_code == 404
    assert committed.project.title not in client.get(reverse("cycle:home")).content.decode()


def test_the_contact_withdrawn_loses_access_at_once(
    client, representative, committed, charge_mission
):
    visitor = client.__class__()
    visitor.force_login(representative)
    assert visitor.get(space_url(committed.project)).status_code == 200
    client.force_login(charge_mission)
    contact = representative.structure_contact
    response = client.post(reverse(
        "cycle:structure_contact_withdraw",
        args=[committed.project.pk, committed.pk, contact.pk],
    ))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.withdrawn_at is not None and contact.withdrawn_by == charge_mission
    assert visitor.get(space_url(committed.project)).status_code == 404


def test_only_a_pilot_withdraws_a_contact(representative, other_charge_mission):
    with pytest.raises(PermissionDenied):
        directory.withdraw_contact(
            by=other_charge_mission, contact_id=representative.structure_contact.pk
        )


def test_the_pilots_page_invites_with_errors_beside_the_fields(
    client, charge_mission, committed, django_capture_on_commit_callbacks
):
    client.force_login(charge_mission)
    url = reverse("cycle:structure_contacts", args=[committed.project.pk, committed.pk])
    bad = client.post(url, {"first_name": "Nora", "last_name": "", "email": "pas-une-adresse"})
    assert bad.status_code == 200 and 'value="Nora"' in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        good = client.post(url, {
            "first_name": "Nora", "last_name": "Lumière", "email": "nora@asso.example",
            "role": Role.STRUCTURE,
        })
    assert good.status_code == 302 and mail.outbox[-1].to == ["nora@asso.example"]


# --- query counts, constant in what the page lists


def _count(client, url) -> int:
    client.get(url)  # the session's first request (its own lookups) aside
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_their_space_counts_constant_queries(client, representative, committed, dla):
    project = committed.project
    client.force_login(representative)
    few = _count(client, space_url(project))
    for n in range(5):
        Objective.objects.create(project=project, kind="operationnel", text=f"Objectif {n}")
        PlannedPhase.objects.create(project=project, title=f"Phase {n}", position=n)
        make_user(f"cm-{n}", Role.CHARGE_MISSION, dla)
        participate(project)
    assert _count(client, space_url(project)) == few


def test_their_home_counts_constant_queries(
    client, representative, committed, project_factory
):
    client.force_login(representative)
    few = _count(client, reverse("cycle:home"))
    for n in range(5):
        ProjectStructure.objects.create(
            project=project_factory(title=f"IC {n}"), structure=committed.structure,
            status=COMMITTED,
        )
    assert _count(client, reverse("cycle:home")) == few


def test_the_role_must_fit_a_structure(admin_user, dla):
    with pytest.raises(ValidationError):
        accounts.invite(
            by=admin_user, email="x@example.org", first_name="X", last_name="Y",
            role=Role.STRUCTURE, organisation=dla, base_url=BASE,
        )
