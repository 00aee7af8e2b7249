"""One read model of an IC: the référent, objectives by kind, the current phase, tab plans."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cycle import selectors, services
from cycle.models import (
    Objective,
    Project,
    ProjectPartner,
    ProjectStructure,
    objectives_by_kind,
    referent_of,
)
from cycle.models.project import TAB_PLANS
from cycle.states import PHASES, State
from cycle.vocabulary import ObjectiveKind, ProjectTab
from directory.models import BeneficiaryStructure, Partner
from workflows.models import TransitionLog

from .test_guards import bring_to

# --- the référent


def test_the_referent_is_the_referent_pilots_organisation(
    project_factory, dla, other_dla, django_assert_num_queries
):
    project = project_factory(organisations=[dla, other_dla], referent=other_dla)
    loaded = Project.objects.with_pilots().get(pk=project.pk)

    with django_assert_num_queries(0):  # over the prefetched pilots
        assert loaded.referent == other_dla
        assert loaded.referent_pilot.organisation_id == other_dla.pk
        # Pilots come référent first, then by name.
        assert [p.organisation for p in loaded.pilotages.all()] == [other_dla, dla]


def test_an_ic_without_pilots_has_no_referent(project_factory, admin_user):
    project = project_factory(by=admin_user)  # an admin has no organisation: no pilot

    assert project.referent is None
    assert referent_of([]) is None


# --- objectives by kind


def test_objectives_by_kind_in_order_over_prefetched_rows(project, django_assert_num_queries):
    Objective.objects.bulk_create([
        Objective(project=project, kind=ObjectiveKind.EVALUATION, text="Mesurer", position=1),
        Objective(project=project, kind=ObjectiveKind.OPERATIONAL, text="Second", position=2),
        Objective(project=project, kind=ObjectiveKind.OPERATIONAL, text="Premier", position=1),
    ])
    loaded = Project.objects.with_page_data(ProjectTab.OBJECTIVES).get(pk=project.pk)

    with django_assert_num_queries(0):
        grouped = loaded.objectives_by_kind()
    assert [o.text for o in grouped[ObjectiveKind.OPERATIONAL]] == ["Premier", "Second"]
    assert [o.text for o in grouped[ObjectiveKind.EVALUATION]] == ["Mesurer"]


def test_every_kind_is_present_even_without_objectives():
    assert objectives_by_kind([]) == {kind: [] for kind in ObjectiveKind}


# --- the open or suspended phase


def test_an_open_ic_is_in_its_state(project, charge_mission):
    bring_to(project, State.OBJECTIFS, charge_mission)

    assert project.current_phase == State.OBJECTIFS
    assert project.reached_phase() == State.OBJECTIFS
    assert project.phase_status(State.DYNAMIQUE, State.OBJECTIFS) == "done"
    assert project.phase_status(State.OBJECTIFS, State.OBJECTIFS) == "current"
    assert project.phase_status(State.VALIDATION, State.OBJECTIFS) == "todo"


def test_a_suspended_ic_is_in_the_phase_it_was_suspended_from(project, charge_mission):
    bring_to(project, State.CIBLAGE, charge_mission)
    services.suspend(project, by=charge_mission, reason="Pause")
    project.refresh_from_db()

    assert project.current_phase == State.CIBLAGE
    assert project.reached_phase() == State.CIBLAGE
    assert project.phase_status(State.CIBLAGE, State.CIBLAGE) == "suspended"


def test_a_closed_ic_has_no_current_phase_and_every_phase_done(project):
    Project.objects.filter(pk=project.pk).update(state=State.CLOSED)
    project.refresh_from_db()

    assert project.current_phase is None
    assert project.reached_phase() is None
    assert {project.phase_status(phase, None) for phase in PHASES} == {"done"}


def test_an_abandoned_ic_has_no_current_phase_but_reached_its_last_open_one(
    project, charge_mission
):
    bring_to(project, State.ROLE_DLA, charge_mission)
    services.abandon(project, by=charge_mission, reason="Structures démobilisées")
    project.refresh_from_db()

    assert project.current_phase is None
    assert project.reached_phase() == State.ROLE_DLA
    assert project.phase_status(State.ROLE_DLA, State.ROLE_DLA) == "abandoned"
    assert project.phase_status(State.DYNAMIQUE, State.ROLE_DLA) == "todo"


def test_the_page_reads_the_checklist_of_the_current_phase(project, charge_mission):
    bring_to(project, State.CIBLAGE, charge_mission)
    services.suspend(project, by=charge_mission, reason="Pause")
    project = selectors.visible_project(charge_mission, project.pk)

    data = selectors.page_data(project)

    assert data["phase"] == State.CIBLAGE
    assert {item.phase for item in data["checklist"]} == {State.CIBLAGE}
    assert data["transitions"] == []  # a reader: no transition offered


# --- the tab plans: a number of queries that does not grow with the IC


def grow(project, user, n):
    for i in range(n):
        structure = BeneficiaryStructure.objects.create(
            name=f"Asso {project.pk}-{i}", legal_form="association",
            sector_id="environnement", departement_id="59",
        )
        ProjectStructure.objects.create(project=project, structure=structure)
        partner = Partner.objects.create(name=f"Partenaire {project.pk}-{i}", kind="reseau")
        ProjectPartner.objects.create(project=project, partner=partner, role="reseau")
        Objective.objects.create(project=project, kind=ObjectiveKind.OPERATIONAL, text=f"O{i}")
        TransitionLog.objects.create(
            subject=project, transition="advance", source=State.PROBLEMATIQUE,
            target=State.CIBLAGE, by=user, at=timezone.now(), comment=f"étape {i}",
        )


def read_page(user, pk, tab, *, can_edit):
    project = selectors.visible_project(user, pk, tab=tab)
    data = selectors.page_data(project, tab=tab, can_edit=can_edit, user=user)
    # What the templates read of the loaded rows.
    str(project.created_by), str(project.referent)
    for relation in ("partnerships", "participations", "assignments", "committees"):
        if relation in {getattr(p, "prefetch_to", p) for p in TAB_PLANS[tab]()}:
            for row in getattr(project, relation).all():
                str(row)
    return data


def test_every_tab_has_a_plan():
    assert set(selectors.TABS) == set(TAB_PLANS) == set(ProjectTab.values)


@pytest.mark.parametrize("tab", ProjectTab.values)
@pytest.mark.parametrize("can_edit", [False, True])
def test_each_tab_reads_in_constant_queries(
    project_factory, charge_mission, django_assert_num_queries, tab, can_edit
):
    small, large = project_factory(title="Petite"), project_factory(title="Grande")
    grow(small, charge_mission, 2)
    grow(large, charge_mission, 15)

    # Both reads start from a cold content-type cache (the history's generic relation fills
    # it): otherwise the first read pays one query the second does not, as the test order goes.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as small_queries:
        read_page(charge_mission, small.pk, tab, can_edit=can_edit)
    ContentType.objects.clear_cache()
    with django_assert_num_queries(len(small_queries)):
        read_page(charge_mission, large.pk, tab, can_edit=can_edit)


def test_a_hidden_ic_is_404_to_the_selectors(project, other_charge_mission):
    with pytest.raises(Http404):
        selectors.visible_project(other_charge_mission, project.pk)
    with pytest.raises(Http404):
        selectors.editable_project(other_charge_mission, project.pk)
