"""Kind « IC passées »: created in the state reached, without guards, with one TransitionLog
« importée »; odd dates read; structures by SIRET; admins and C2RA (their region) only."""

import datetime
from decimal import Decimal

import pytest

from cycle import summaries
from cycle.models import Project
from cycle.states import State
from imports.kinds import KINDS, PAST_ICS
from imports.planning import Action, apply
from tests.directory.factories import BeneficiaryStructureFactory
from workflows.models import TransitionLog

from .files import SIRET_A, SIRET_B

HEADERS = ["Intitulé", "Type d'IC", "DLA", "Début", "Fin", "État atteint",
           "Structures (SIRET)", "Budget total", "Jours"]
CLOSED = ["Mutualiser l'encadrement", "Réponse collective aux structures", "DLA du Nord",
          "03/03/2021", 44377, "Clôturée", f"{SIRET_A} ; {SIRET_B}", "12 500,50", "8,5"]


def ics_plan(plan_of, user, *rows):
    return plan_of([HEADERS, *rows], user, kind="ic-passees")


@pytest.fixture
def structures(db):
    return [BeneficiaryStructureFactory(siret=SIRET_A), BeneficiaryStructureFactory(siret=SIRET_B)]


def test_a_closed_ic_is_created_in_its_state_with_its_history(admin_user, dla, structures,
                                                              plan_of):
    plan = ics_plan(plan_of, admin_user, CLOSED)
    assert plan.rows[0].action == Action.CREATE, plan.rows[0].errors
    apply(PAST_ICS, plan)
    project = Project.objects.get()
    assert project.state == State.CLOSED
    assert project.launched_on == datetime.date(2021, 3, 3)
    assert project.intervention_ends_on == datetime.date(2021, 6, 30)  # an Excel serial
    assert project.ic_type == "reponse_collective"
    assert list(project.pilots.all()) == [dla]
    assert {p.structure for p in project.participations.all()} == set(structures)
    tranche = project.budget_tranches.get()
    assert (tranche.amount, tranche.days) == (Decimal("12500.50"), Decimal("8.5"))
    log = TransitionLog.objects.get(object_id=project.pk)
    assert (log.comment, log.target, log.at.date()) == (
        "importée", State.CLOSED, datetime.date(2021, 6, 30))
    assert project.created_at.date() == datetime.date(2021, 3, 3)


def test_the_same_ic_again_is_skipped(admin_user, dla, structures, plan_of):
    apply(PAST_ICS, ics_plan(plan_of, admin_user, CLOSED))
    again = ics_plan(plan_of, admin_user, CLOSED)
    assert again.rows[0].action == Action.SKIP
    assert "déjà dans la base" in again.rows[0].notes[0]
    assert Project.objects.count() == 1


@pytest.mark.parametrize(("change", "header", "message"), [
    ({2: "DLA de Bretagne"}, "DLA", "DLA inconnu"),
    ({3: "31/02/2021"}, "Début", "Date illisible"),
    ({4: "01/01/2020"}, "Fin", "La fin précède le début."),
    ({5: "Terminée"}, "État atteint", "État inconnu"),
    ({5: "Suspendue"}, "État atteint", "sous-phase"),
    ({6: "44306184100047"}, "Structures (SIRET)", "SIRET absent de l'annuaire"),
    ({7: "beaucoup"}, "Budget total", "Montant illisible"),
    ({8: ""}, "Jours", "vont ensemble"),
])
def test_bad_rows_are_explained_beside_their_cell(admin_user, dla, structures, plan_of,
                                                  change, header, message):
    row = [change.get(i, value) for i, value in enumerate(CLOSED)]
    plan = ics_plan(plan_of, admin_user, row)
    assert plan.rows[0].action == Action.ERROR
    assert message in plan.rows[0].errors[header], plan.rows[0].errors


def test_c2ra_staff_import_their_region_only(c2ra_staff, dla, other_dla, structures,
                                             plan_of):
    elsewhere = [CLOSED[0], "", "DLA de la Gironde", "2021-03-03", "", "Abandonnée", "", "", ""]
    plan = ics_plan(plan_of, c2ra_staff, CLOSED, elsewhere)
    assert [row.action for row in plan.rows] == [Action.CREATE, Action.ERROR]


def test_only_admins_and_c2ra_import_past_ics(charge_mission, c2ra_staff, admin_user):
    kind = KINDS["ic-passees"]
    assert not charge_mission.has_perm("imports.import_kind", kind)
    assert c2ra_staff.has_perm("imports.import_kind", kind)
    assert admin_user.has_perm("imports.import_kind", kind)


def test_an_imported_ic_has_an_exact_dashboard_summary(admin_user, dla, structures, plan_of):
    """Its structures are bulk-created (no signal): the summary is refreshed all the same."""
    without_budget = [*CLOSED[:7], "", ""]  # no tranche saved after the structures
    apply(PAST_ICS, ics_plan(plan_of, admin_user, without_budget))
    assert summaries.differences() == []
    assert Project.objects.get().summary.structures_targeted == 2
