"""Who sees what of a session: the team all, the chosen firm the sessions and attendance,
a representative only its own invitation, never another structure's answer or attendance."""

import pytest
from django.urls import reverse

from meetings import rules, selectors
from meetings.rules import Reach


@pytest.mark.parametrize(("role", "expected"), [
    ("cm", Reach.TEAM), ("c2ra", Reach.TEAM), ("admin", Reach.TEAM),
    ("intervenant", Reach.PRESTATAIRE), ("structure", Reach.STRUCTURE),
    ("other_cm", Reach.NONE), ("other_intervenant", Reach.NONE),
    ("other_structure", Reach.NONE),
])
def test_reach_per_role(world, role, expected):
    assert rules.reach(world.users[role], world.project) == expected


@pytest.mark.parametrize(("role", "plans", "records"), [
    ("cm", True, True), ("admin", True, True), ("c2ra", False, False),
    ("intervenant", False, True), ("structure", False, False),
])
def test_who_plans_and_records(world, role, plans, records):
    user = world.users[role]
    seen = rules.reach(user, world.project)
    assert rules.may_plan(user, world.project) is plans
    assert rules.may_record_attendance(user, world.project, seen) is records


def test_a_representative_sees_only_its_own_invitation(client, world):
    client.force_login(world.users["structure"])
    page = client.get(reverse("meetings:detail", args=[world.meeting.pk])).content.decode()
    assert "Votre réponse" in page
    assert "Régie de quartier" not in page  # the other invited structure
    listing = client.get(reverse("meetings:list", args=[world.project.pk])).content.decode()
    assert "Régie de quartier" not in listing
    assert "Participation par structure" not in listing  # no totals


def test_a_representative_does_not_see_a_session_it_is_not_invited_to(client, world):
    from tests.meetings.conftest import plan

    other = plan(world.project, invited={world.second: 3}, title="Séminaire")
    client.force_login(world.users["structure"])
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("meetings:ics", args=[other.pk])).status_code == 404
    listing = client.get(reverse("meetings:list", args=[world.project.pk])).content.decode()
    assert "Séminaire" not in listing and "Atelier collectif" in listing


def test_the_structure_space_lists_the_invitation(client, world):
    client.force_login(world.users["structure"])
    page = client.get(reverse("cycle:structure_space", args=[world.project.pk])).content.decode()
    assert 'data-testid="structure-meetings"' in page and "Atelier collectif" in page


def test_the_ic_page_links_to_the_sessions(client, world):
    client.force_login(world.users["cm"])
    page = client.get(reverse("cycle:project_detail", args=[world.project.pk])).content.decode()
    assert reverse("meetings:list", args=[world.project.pk]) in page


def test_selectors_hide_other_structures_invitations(world):
    user = world.users["structure"]
    [meeting] = selectors.meetings(user, world.project, Reach.STRUCTURE)
    assert [i.structure for i in meeting.invitations.all()] == [world.participation.structure]
