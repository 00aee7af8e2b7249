"""Row by row: create, update, skip or error, with French messages per cell and duplicates
flagged (same SIRET in the file or the base, a near-identical name in the same place)."""

from directory.models import BeneficiaryStructure
from imports.planning import Action
from tests.directory.factories import BeneficiaryStructureFactory

from .files import GOOD_ROWS, SIRET_A, structure_rows


def test_good_rows_are_created(charge_mission, plan_of):
    plan = plan_of(structure_rows(*GOOD_ROWS), charge_mission)
    assert [row.action for row in plan.rows] == [Action.CREATE] * 3
    assert plan.rows[1].values["sector_id"] == "insertion"
    assert plan.rows[1].values["legal_form"] == "aci"
    assert plan.rows[2].values["departement_id"] == "59"
    assert plan.rows[0].number == 2  # as the spreadsheet numbers it


def test_wrong_siret_unknown_sector_and_missing_name_are_cell_errors(charge_mission, plan_of):
    wrong = SIRET_A[:-1] + str((int(SIRET_A[-1]) + 1) % 10)
    plan = plan_of(structure_rows(
        ["Ressourcerie", wrong, "", "Déchets et réemploi", "59"],
        ["Jardins", "", "", "Aéronautique", "59"],
        ["", "", "", "culture", "59"],
        ["Compagnie", "", "Coopérative", "culture", "Atlantide"],
    ), charge_mission)
    assert [row.action for row in plan.rows] == [Action.ERROR] * 4
    assert "clé de contrôle" in plan.rows[0].errors["SIRET"]
    assert plan.rows[1].errors == {"Secteur": "Secteur inconnu : « Aéronautique »."}
    assert plan.rows[2].errors == {"Nom": "Valeur obligatoire manquante."}
    assert set(plan.rows[3].errors) == {"Forme juridique", "Département"}


def test_same_siret_twice_in_the_file_is_a_duplicate(charge_mission, plan_of):
    plan = plan_of(structure_rows(
        ["Ressourcerie", SIRET_A, "", "culture", "59"],
        ["Ressourcerie bis", SIRET_A, "", "culture", "59"],
    ), charge_mission)
    assert plan.rows[0].action == Action.CREATE
    assert plan.rows[1].action == Action.ERROR
    assert plan.rows[1].errors["Nom"] == (
        "Doublon dans le fichier : même identifiant qu'à la ligne 2."
    )


def test_same_siret_in_the_base_updates_or_skips(charge_mission, plan_of):
    known = BeneficiaryStructureFactory(
        name="Ressourcerie", siret=SIRET_A, sector_id="culture", departement_id="59",
        employees=3,
    )
    plan = plan_of(structure_rows(
        ["Ressourcerie", SIRET_A, known.get_legal_form_display(), "culture", "59", 3],
        ["Ressourcerie", SIRET_A, "", "culture", "59", 8],
    ), charge_mission)
    assert plan.rows[0].action == Action.SKIP and plan.rows[0].target == known.pk
    # the second row is the same SIRET as the first: a duplicate of the file
    assert plan.rows[1].action == Action.ERROR
    plan = plan_of(structure_rows(["Ressourcerie", SIRET_A, "", "culture", "59", 8]),
                   charge_mission)
    assert plan.rows[0].action == Action.UPDATE
    assert plan.rows[0].changes == ["employees"]


def test_near_identical_name_in_the_same_departement_is_flagged(charge_mission, plan_of):
    BeneficiaryStructureFactory(name="Association Les Jardins d'Été", departement_id="59",
                                siret=None)
    BeneficiaryStructureFactory(name="Régie de quartier", departement_id="62", siret=None)
    plan = plan_of(structure_rows(
        ["asso. les jardin d'ete", "", "", "culture", "59"],  # a typo: near, not the same
        ["Régie de Quartier", "", "", "culture", "59"],  # same name, another département
        ["ASSOCIATION LES JARDINS D'ÉTÉ", "", "", "culture", "59"],  # the same name: its key
    ), charge_mission)
    assert plan.rows[0].action == Action.SKIP
    assert "Doublon probable : « Association Les Jardins d'Été »" in plan.rows[0].notes[0]
    assert plan.rows[1].action == Action.CREATE
    assert plan.rows[2].action in (Action.UPDATE, Action.SKIP)
    assert plan.rows[2].notes == [
        "Même nom que « Association Les Jardins d'Été » dans ce territoire : même entrée de l'annuaire."
    ]


def test_rows_outside_ones_territory_are_refused(charge_mission, c2ra_staff, admin_user,
                                                 plan_of):
    rows = structure_rows(["A", "", "", "culture", "59"], ["B", "", "", "culture", "62"],
                          ["C", "", "", "culture", "33"])
    actions = {
        user.username: [row.action for row in plan_of(rows, user).rows]
        for user in (charge_mission, c2ra_staff, admin_user)
    }
    assert actions == {
        "cm": [Action.CREATE, Action.ERROR, Action.ERROR],  # their DLA's département (59)
        "c2ra": [Action.CREATE, Action.CREATE, Action.ERROR],  # their region (Hauts-de-France)
        "admin": [Action.CREATE] * 3,
    }
    refused = plan_of(rows, charge_mission).rows[1]
    assert refused.errors["Département"].startswith("Hors de votre territoire")


def test_aided_jobs_above_employees_is_refused(charge_mission, plan_of):
    rows = [[*structure_rows()[0], "Emplois aidés"], ["A", "", "", "culture", "59", 2, 5]]
    assert plan_of(rows, charge_mission).rows[0].errors == {
        "Emplois aidés": "Les emplois aidés ne peuvent dépasser les salariés."
    }


def test_planning_writes_nothing(charge_mission, plan_of):
    plan_of(structure_rows(*GOOD_ROWS), charge_mission)
    assert not BeneficiaryStructure.objects.exists()
