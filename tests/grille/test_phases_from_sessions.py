"""Issue 17: a grille phase linked to a planned phase of the IC reads its days and
participants from that phase's held sessions: shown read-only, never retyped (a POST
cannot override them), written at hand-in and frozen from then on."""

import re
from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycle import services as cycle
from cycle.models import ProjectStructure
from grille import services
from grille.models import Grille, GrilleStatus, Phase
from meetings import services as meetings
from tests.browserless import posted
from tests.grille.factories import PhaseFactory
from tests.meetings.conftest import plan

from .conftest import complete_grille

FROM_SESSIONS = "d'après les séances (2 séances)"


def part_url(project):
    return reverse("grille:part", kwargs={"project_pk": project.pk, "part": 2})


def attend(meeting, present: dict) -> None:
    """``present``: {structure: people present} (one line per person)."""
    lines = [
        {"structure": structure, "slot": slot, "name": f"{structure} {slot}", "present": True}
        for structure, count in present.items() for slot in range(1, count + 1)
    ]
    meetings.record_attendance(meeting=meeting, by=meeting.created_by, lines=lines)


@pytest.fixture
def sessions(complete_ic):
    """A planned phase with two held sessions (2 h 30: ½ day, 4 h: 1 day) and a cancelled
    one; three people present from two structures."""
    ic = complete_ic
    diagnostic = cycle.add_planned_phase(ic, title="Diagnostic partagé", days=Decimal("3"))
    a, b = [p.structure for p in ProjectStructure.objects.filter(project=ic)
            .order_by("structure__name")]
    first = plan(ic, invited={a: 2, b: 1}, planned_phase=diagnostic, held_on=date(2026, 3, 12))
    second = plan(ic, invited={a: 1}, planned_phase=diagnostic, held_on=date(2026, 4, 2),
                  starts_at=time(9, 0), ends_at=time(13, 0))
    cancelled = plan(ic, invited={a: 1}, planned_phase=diagnostic, held_on=date(2026, 5, 2))
    plan(ic, invited={a: 1}, planned_phase=diagnostic)  # in 2030: not held yet
    attend(first, {a: 1, b: 1})
    attend(second, {a: 1})
    attend(cancelled, {a: 1})
    meetings.cancel_meeting(meeting=cancelled, version=cancelled.version, by=ic.created_by)
    ic.diagnostic, ic.first, ic.structures = diagnostic, first, (a, b)
    return ic


@pytest.fixture
def linked(sessions, grille):
    complete_grille(grille, phases=False)
    PhaseFactory(grille=grille, position=1, title="Diagnostic", days=Decimal("7"),
                 planned_phase=sessions.diagnostic)
    PhaseFactory(grille=grille, position=2, title="Restitution", days=Decimal("1"))
    return grille


def phases(grille) -> list[tuple]:
    return [(p.title, p.days, p.participants)
            for p in Phase.objects.filter(grille=grille).order_by("position")]


def test_a_linked_phase_shows_its_sessions_figures_read_only(sessions, linked, intervenant,
                                                             client_of):
    page = client_of(intervenant).get(part_url(sessions)).content.decode()

    assert FROM_SESSIONS in page
    assert "1,5 j., 3 participants" in page and "(2 structures)" in page
    assert reverse("meetings:list", args=[sessions.pk]) + f"#phase-{sessions.diagnostic.pk}" in page
    assert "de moins de 4 heures compte pour une demi-journée" in page  # the rule, in French
    data = posted(page, "data-grille-form")
    assert "phases-0-days" not in data  # disabled: not even posted
    assert data["phases-1-days"] == "1"  # the other phase keeps its typed days


def test_the_disabled_days_show_the_sessions_days_not_the_old_typed_ones(
    sessions, linked, intervenant, client_of
):
    page = client_of(intervenant).get(part_url(sessions)).content.decode()

    field = re.search(r'<input[^>]*name="phases-0-days"[^>]*>', page).group(0)
    assert "disabled" in field
    assert re.search(r'value="([^"]*)"', field).group(1) == "1,5"  # not the 7 typed before


def test_a_post_cannot_override_the_derived_days(sessions, linked, intervenant, client_of):
    client = client_of(intervenant)
    data = posted(client.get(part_url(sessions)).content.decode(), "data-grille-form")
    data.update({"phases-0-days": "9", "phases-1-days": "2,5"})

    assert client.post(part_url(sessions), data).status_code == 302

    assert phases(linked) == [
        ("Diagnostic", Decimal("1.5"), 3), ("Restitution", Decimal("2.5"), None),
    ]


def test_a_post_linking_a_phase_takes_the_sessions_days_whatever_was_typed(
    sessions, grille, intervenant, client_of
):
    complete_grille(grille, phases=False)
    PhaseFactory(grille=grille, position=1, title="Diagnostic", days=Decimal("7"))
    client = client_of(intervenant)
    data = posted(client.get(part_url(sessions)).content.decode(), "data-grille-form")
    assert data["phases-0-days"] == "7"
    data.update({"phases-0-planned_phase": str(sessions.diagnostic.pk), "phases-0-days": "9"})

    assert client.post(part_url(sessions), data).status_code == 302

    assert phases(grille) == [("Diagnostic", Decimal("1.5"), 3)]


def test_a_planned_phase_of_another_ic_cannot_be_linked(sessions, grille, intervenant,
                                                        client_of, project_factory):
    elsewhere = cycle.add_planned_phase(project_factory(), title="Ailleurs")
    complete_grille(grille, phases=False)
    PhaseFactory(grille=grille, position=1, title="Diagnostic", days=Decimal("7"))
    client = client_of(intervenant)
    data = posted(client.get(part_url(sessions)).content.decode(), "data-grille-form")
    data["phases-0-planned_phase"] = str(elsewhere.pk)

    response = client.post(part_url(sessions), data)

    assert response.status_code == 200 and "Sélectionnez un choix valide" in response.content.decode()
    assert Phase.objects.get(grille=grille).planned_phase_id is None


def test_a_planned_phase_links_one_grille_phase_only(sessions, linked, intervenant, client_of):
    client = client_of(intervenant)
    data = posted(client.get(part_url(sessions)).content.decode(), "data-grille-form")
    data["phases-1-planned_phase"] = str(sessions.diagnostic.pk)

    response = client.post(part_url(sessions), data)

    assert "ne se relie qu&#x27;à une phase de la grille" in response.content.decode()
    assert phases(linked)[1] == ("Restitution", Decimal("1"), None)


def test_the_proposed_phases_are_linked_to_their_planned_phase(sessions, grille, intervenant,
                                                               client_of):
    client = client_of(intervenant)
    page = client.get(part_url(sessions)).content.decode()
    data = posted(page, "data-grille-form")
    assert data["phases-0-planned_phase"] == str(sessions.diagnostic.pk)

    assert client.post(part_url(sessions), data).status_code == 302

    saved = Phase.objects.get(grille=grille)
    assert (saved.planned_phase_id, saved.days, saved.participants) == (
        sessions.diagnostic.pk, Decimal("1.5"), 3
    )


def test_hand_in_freezes_the_figures(sessions, linked, intervenant, charge_mission, client_of):
    services.submit(linked, by=intervenant)
    frozen = [("Diagnostic", Decimal("1.5"), 3), ("Restitution", Decimal("1"), None)]
    assert phases(linked) == frozen

    # attendance edited and a session added after the hand-in
    a, b = sessions.structures
    attend(sessions.first, {a: 2, b: 1})
    plan(sessions, invited={a: 1}, planned_phase=sessions.diagnostic, held_on=date(2026, 6, 1))
    assert phases(linked) == frozen

    # the chargé de mission may still edit a handed-in grille: the figures stay frozen
    reviewer = client_of(charge_mission)
    page = reviewer.get(part_url(sessions)).content.decode()
    assert "1,5 j., 3 participants" in page and "arrêtés à la remise" in page
    data = posted(page, "data-grille-form")
    data["phases-0-title"] = "Diagnostic partagé"
    assert reviewer.post(part_url(sessions), data).status_code == 302
    assert phases(linked) == [("Diagnostic partagé", Decimal("1.5"), 3), frozen[1]]
    assert Grille.objects.get(pk=linked.pk).status == GrilleStatus.SUBMITTED


def test_a_returned_grille_reads_the_sessions_again_and_refreezes(
    sessions, linked, intervenant, charge_mission
):
    services.submit(linked, by=intervenant)
    services.send_back(Grille.objects.get(pk=linked.pk), by=charge_mission, comment="Revoir")
    a, b = sessions.structures
    attend(sessions.first, {a: 2, b: 1})  # one more person present

    services.submit(Grille.objects.get(pk=linked.pk), by=intervenant)

    assert phases(linked)[0] == ("Diagnostic", Decimal("1.5"), 4)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_part_2_reads_a_constant_number_of_queries(sessions, linked, intervenant, client_of):
    client = client_of(intervenant)
    url = part_url(sessions)
    client.get(url)
    before = _queries(client, url)

    a, b = sessions.structures
    for day in (3, 4, 5):
        extra = plan(sessions, invited={a: 2, b: 2}, planned_phase=sessions.diagnostic,
                     held_on=date(2026, 7, day))
        attend(extra, {a: 2, b: 2})
    cycle.add_planned_phase(sessions, title="Ateliers")

    assert _queries(client, url) == before


def test_readers_still_cannot_save_part_2(sessions, linked, charge_mission, client_of,
                                          other_intervenant):
    """Permissions unchanged: another firm's intervenant does not even see the grille."""
    data = posted(client_of(charge_mission).get(part_url(sessions)).content.decode(),
                  "data-grille-form")
    assert client_of(other_intervenant).post(part_url(sessions), data).status_code == 404
    assert phases(linked)[0] == ("Diagnostic", Decimal("7"), None)
