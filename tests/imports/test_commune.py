"""Structures carry an address, a postal code and a commune; the near-duplicate rule
compares names within the commune, or within the département when the commune is empty."""

import pytest

from directory.models import BeneficiaryStructure
from imports import cells
from imports.kinds import STRUCTURES
from imports.planning import Action, apply
from tests.directory.factories import BeneficiaryStructureFactory

HEADERS = ["Nom", "Forme juridique", "Secteur", "Département", "Adresse", "Code postal",
           "Commune"]


def rows(*lines):
    return [HEADERS, *lines]


def test_address_postal_code_and_commune_are_imported(charge_mission, plan_of):
    plan = plan_of(rows(["Ressourcerie", "", "culture", "59", "3 rue Nationale", "59000.0",
                         "Lille"]), charge_mission)
    assert plan.rows[0].action == Action.CREATE
    apply(STRUCTURES, plan)
    created = BeneficiaryStructure.objects.get()
    assert (created.address, created.postal_code, created.commune) == (
        "3 rue Nationale", "59000", "Lille")


def test_a_wrong_postal_code_is_a_cell_error(charge_mission, plan_of):
    plan = plan_of(rows(["Ressourcerie", "", "culture", "59", "", "5900A", "Lille"]),
                   charge_mission)
    assert plan.rows[0].action == Action.ERROR
    assert plan.rows[0].errors == {
        "Code postal": "Code postal invalide : « 5900A » (5 chiffres attendus)."}


def test_a_postal_code_whose_leading_zero_was_dropped_is_restored():
    assert cells.postal_code(1000) == "01000"
    with pytest.raises(cells.CellError):
        cells.postal_code("123")


def test_a_near_or_same_name_in_another_commune_is_another_structure(charge_mission, plan_of):
    BeneficiaryStructureFactory(name="Les Jardins d'été", departement_id="59", commune="Lille")
    plan = plan_of(rows(
        ["Les Jardin d'ete", "", "culture", "59", "", "", "Roubaix"],
        ["Les Jardins d'été", "", "culture", "59", "", "", "Tourcoing"],
    ), charge_mission)
    assert [row.action for row in plan.rows] == [Action.CREATE, Action.CREATE]
    assert not plan.rows[0].notes and not plan.rows[1].notes


def test_a_near_name_in_the_same_commune_is_flagged(charge_mission, plan_of):
    known = BeneficiaryStructureFactory(name="Les Jardins d'été", departement_id="59",
                                        commune="Lille")
    plan = plan_of(rows(["Les Jardin d'ete", "", "culture", "59", "", "", "LILLE"]),
                   charge_mission)
    assert plan.rows[0].action == Action.SKIP and plan.rows[0].target == known.pk
    assert "Doublon probable" in plan.rows[0].notes[0]


def test_the_same_name_in_the_same_commune_is_the_same_structure(charge_mission, plan_of):
    known = BeneficiaryStructureFactory(name="Les Jardins d'été", departement_id="59",
                                        commune="Lille", employees=None)
    plan = plan_of(rows(["Les Jardins d'été", known.get_legal_form_display(), "environnement",
                         "59", "1 place du Marché", "", "Lille"]), charge_mission)
    assert plan.rows[0].action == Action.UPDATE and plan.rows[0].target == known.pk
    assert plan.rows[0].changes == ["address"]


def test_without_commune_the_departement_decides(charge_mission, plan_of):
    in_lille = BeneficiaryStructureFactory(name="Les Jardins d'été", departement_id="59",
                                           commune="Lille")
    BeneficiaryStructureFactory(name="Compagnie des Chênes", departement_id="62")
    plan = plan_of(rows(
        ["Les Jardin d'ete", "", "culture", "59", "", "", ""],  # near a Lille one: flagged
        ["Compagnie des Chene", "", "culture", "59", "", "", ""],  # near, other département
    ), charge_mission)
    assert plan.rows[0].action == Action.SKIP and plan.rows[0].target == in_lille.pk
    assert plan.rows[1].action == Action.CREATE


def test_a_known_structure_without_commune_is_near_every_commune(charge_mission, plan_of):
    known = BeneficiaryStructureFactory(name="Les Jardins d'été", departement_id="59")
    plan = plan_of(rows(["Les Jardins d'été", "", "culture", "59", "", "", "Lille"]),
                   charge_mission)
    assert plan.rows[0].action == Action.SKIP and plan.rows[0].target == known.pk
