"""The IC page's guidance: the road map ahead, and its refresh after every inline save."""

import json

import pytest
from django.urls import reverse

from cycle import guards, selectors
from cycle.models import Committee, Project
from cycle.states import FORWARD_STEPS, State
from cycle.vocabulary import CommitteeKind
from tests.cycle.builders import fulfil
from tests.cycle.factories import CapitalisationItemFactory, ParticipationFactory
from tests.cycle.test_project_page import populate
from tests.directory.factories import BeneficiaryStructureFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def road(project, user):
    return selectors.road_map(selectors.guidance_project(user, project.pk))


def put_in(project, state, **fields):
    Project.objects.filter(pk=project.pk).update(state=state, **fields)


# --- the road map (selector)


def test_a_new_ic_sees_every_step_to_its_closing_with_the_guards_messages(project, charge_mission):
    steps = road(project, charge_mission)

    assert [step["target"] for step in steps] == [str(t.label) for _s, t in FORWARD_STEPS]
    first = steps[0]
    assert first["next"] and not any(step["next"] for step in steps[1:])
    # The guard's own declarations, never retyped.
    assert first["lines"] == [
        {"message": str(guards.PROBLEM_STATEMENT.message), "met": False},
        {"message": str(guards.PROBLEM_SOURCES.message), "met": False},
    ]
    assert not first["met"]
    # Every step lists what its guard will ask, as missing_for says it.
    for (_source, target), step in zip(FORWARD_STEPS, steps, strict=True):
        missing = [line["message"] for line in step["lines"] if not line["met"]]
        assert missing == guards.missing_for(project, target)
    # The grille's own requirement, registered from above, is on the road too.
    evaluation = next(s for s in steps if s["target"] == str(State.EVALUATION.label))
    assert [line["message"] for line in evaluation["lines"]] == [
        "La grille d'enquête doit avoir été remise par le prestataire."
    ]


def test_met_rules_are_marked_and_the_road_starts_at_the_current_sub_phase(
    project, charge_mission
):
    fulfil(project, State.CIBLAGE)
    fulfil(project, State.MOBILISATION)
    put_in(project, State.OBJECTIFS)

    steps = road(project, charge_mission)

    assert steps[0]["source"] == str(State.OBJECTIFS.label)
    assert steps[0]["target"] == str(State.VALIDATION.label)
    mobilisation = steps[1]
    assert mobilisation["target"] == str(State.MOBILISATION.label)
    assert mobilisation["met"]
    assert [line["met"] for line in mobilisation["lines"]] == [True, True]
    assert len(steps) == 8  # from Objectifs (the fifth of twelve) to the closing


def test_the_capitalisation_says_which_items_lack_their_transfer(project, charge_mission):
    put_in(project, State.CAPITALISATION)
    closing = road(project, charge_mission)[-1]
    assert closing["lines"] == [
        {"message": str(guards.CAPITALISATION_ITEMS.message), "met": False}
    ]

    CapitalisationItemFactory(project=project, title="Guide", target_audiences="", responsible="")
    lines = road(project, charge_mission)[-1]["lines"]
    assert lines[0] == {"message": str(guards.CAPITALISATION_ITEMS.message), "met": True}
    assert not lines[1]["met"] and "Guide" in lines[1]["message"]

    project.capitalisation_items.update(target_audiences="Réseau", responsible="dla")
    closing = road(project, charge_mission)[-1]
    assert closing["met"] and len(closing["lines"]) == 1


@pytest.mark.parametrize("state", [State.SUSPENDED, State.CLOSED, State.ABANDONED])
def test_an_ic_out_of_the_cycle_has_no_road_and_says_why(
    client, project, charge_mission, state
):
    put_in(project, state, suspended_from=State.CIBLAGE if state == State.SUSPENDED else "")
    assert road(project, charge_mission) == []

    client.force_login(charge_mission)
    html = client.get(reverse("cycle:project_guidance", args=[project.pk]), **HTMX).content
    assert f"IC est « {state.label} » : pas d" in html.decode()


def test_the_road_map_reads_a_constant_number_of_queries(
    project_factory, charge_mission, django_assert_num_queries
):
    small, large = project_factory(title="Petite"), project_factory(title="Grande")
    populate(small, charge_mission, 1)
    populate(large, charge_mission, 15)
    for ic in (small, large):
        CapitalisationItemFactory.create_batch(1 if ic is small else 10, project=ic)

    with django_assert_num_queries(3) as small_queries:  # more facts are flags (issue 21)
        road(small, charge_mission)
    with django_assert_num_queries(len(small_queries)):
        road(large, charge_mission)


# --- the guidance's URL


def guidance(client, project):
    return client.get(reverse("cycle:project_guidance", args=[project.pk]), **HTMX)


def test_the_guidance_answers_the_box_and_the_road_map_to_a_pilot(client, project, charge_mission):
    client.force_login(charge_mission)
    response = guidance(client, project)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="guidance"' in html and 'id="road-map"' in html
    assert "Passer à « Cibler les structures bénéficiaires »" in html
    assert "il manque" in html and "Rédigez la problématique." in html
    assert 'data-testid="road-step"' in html
    # Once read, each part listens for the next change only (no "load" loop).
    assert 'hx-trigger="ic-changed from:body"' in html
    assert "toggle" not in html


def test_a_reader_gets_the_road_map_but_no_button(client, project, c2ra_staff):
    client.force_login(c2ra_staff)
    html = guidance(client, project).content.decode()
    assert "Consultation seule" in html
    assert "Passer à" not in html.replace("Pour passer à", "")
    assert "Rédigez la problématique." in html  # on the road map


def test_the_guidance_query_count_does_not_grow(
    client, project_factory, charge_mission, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = project_factory(title="Petite"), project_factory(title="Grande")
    populate(small, charge_mission, 2)
    populate(large, charge_mission, 20)
    client.force_login(charge_mission)
    guidance(client, small)
    with CaptureQueriesContext(connection) as small_queries:
        guidance(client, small)
    with django_assert_num_queries(len(small_queries)):
        guidance(client, large)


def test_the_page_shows_the_box_ready_to_refresh_and_the_road_map_on_demand(
    client, project, charge_mission
):
    client.force_login(charge_mission)
    html = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    url = reverse("cycle:project_guidance", args=[project.pk])
    assert f'hx-get="{url}" hx-trigger="ic-changed from:body"' in html
    assert "Feuille de route" in html
    assert "toggle from:closest details once, ic-changed from:body" in html
    assert 'data-testid="road-step"' not in html  # read when opened, not on the first paint


# --- every inline save tells the page (HX-Trigger: ic-changed)


def changed(response) -> bool:
    header = response.headers.get("HX-Trigger")
    return bool(header) and "ic-changed" in json.loads(header)


@pytest.fixture
def pilot(client, charge_mission):
    client.force_login(charge_mission)
    return client


def post(client, project, section, data):
    return client.post(reverse(f"cycle:project_{section}", args=[project.pk]), data, **HTMX)


def test_each_inline_save_tells_the_guidance_to_refresh(pilot, project, dla):
    structure = BeneficiaryStructureFactory(name="Jardins", departement_id="59")
    assert changed(post(pilot, project, "structures",
                        {"action": "add", "participation-structure": structure.pk}))
    participation = project.participations.get()
    assert changed(post(pilot, project, "structures", {
        "action": "move", "row": participation.pk, f"p{participation.pk}-status": "contactee",
    }))
    assert changed(post(pilot, project, "partners", {
        "action": "create", "nouveau-partenaire-name": "DDTEFP du Nord",
        "nouveau-partenaire-kind": "etat", "nouveau-partenaire-role": "conception",
    })) == project.partnerships.exists()
    assert changed(post(pilot, project, "committees", {
        "action": "add", "comite-kind": "appui", "comite-purpose": "Valider",
    }))
    assert changed(post(pilot, project, "committees", {
        "action": "opinion", "avis-opinion": "Favorable", "avis-opinion_on": "2005-01-20",
    }))
    assert Committee.objects.get(kind=CommitteeKind.APPUI).opinion == "Favorable"
    assert changed(post(pilot, project, "prestataires", {
        "action": "create", "nouveau-prestataire-name": "Bureau d'études Territoires",
    }))
    assert changed(post(pilot, project, "capitalisation", {
        "action": "add", "capitalisation-title": "Synthèses", "capitalisation-nature": "contenu",
        "capitalisation-target_audiences": "Réseau", "capitalisation-responsible": "dla",
    }))
    item = project.checklist.first()
    assert changed(pilot.post(
        reverse("cycle:checklist_tick", args=[project.pk, item.pk]),
        {"done": "on", "note": "vu"}, **HTMX,
    ))


def test_a_refused_save_and_a_section_read_do_not(pilot, project):
    assert not changed(post(pilot, project, "committees", {"action": "member"}))
    assert not changed(post(pilot, project, "structures", {
        "action": "add", "participation-structure": "",
    }))
    assert not changed(pilot.get(
        reverse("cycle:project_structures", args=[project.pk]), **HTMX
    ))
    participation = ParticipationFactory(project=project)
    assert not changed(post(pilot, project, "structures", {
        "action": "move", "row": participation.pk, f"p{participation.pk}-status": "retiree",
    }))  # a withdrawal without its reason


def test_the_box_names_the_next_sub_phase_of_the_ic_and_what_it_lacks(
    client, project, charge_mission
):
    # A transition declared over many steps (advance) leads from the IC's own state.
    put_in(project, State.VALIDATION)
    client.force_login(charge_mission)
    for html in (
        guidance(client, project).content.decode(),
        client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode(),
    ):
        assert "Passer à « Mobiliser les structures bénéficiaires »" in html
        assert "Avant de passer à « Mobiliser les structures bénéficiaires », il manque" in html
        box = html.split('id="guidance"')[1].split('id="road-map"')[0]
        assert "Cibler les structures" not in box


def test_after_a_save_the_guidance_no_longer_asks_for_it(pilot, project):
    put_in(project, State.VALIDATION, strategic_objective="x")
    fulfil(project, State.VALIDATION)
    post(pilot, project, "committees", {"action": "add", "comite-kind": "appui",
                                        "comite-purpose": "Valider"})
    before = guidance(pilot, project).content.decode()
    assert "Recueillez l&#x27;avis du comité d&#x27;appui." in before.split('id="road-map"')[0]

    post(pilot, project, "committees", {
        "action": "opinion", "avis-opinion": "Favorable", "avis-opinion_on": "2005-01-20",
    })
    after = guidance(pilot, project).content.decode()
    assert "Recueillez l&#x27;avis du comité d&#x27;appui." not in after.split('id="road-map"')[0]
