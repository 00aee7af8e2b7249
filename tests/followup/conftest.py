"""A closed IC of Claire's DLA with two committed structures (each with its representative),
a withdrawn one, and a structure of another DLA's IC."""

from dataclasses import dataclass

import pytest

from accounts.models import Role
from cycle import services as cycle
from cycle.states import State
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, Prestataire, StructureContact
from tests.agenda.helpers import freeze
from tests.conftest import make_user
from tests.cycle.factories import (
    CapitalisationItemFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectPrestataireFactory,
)
from tests.directory.factories import BeneficiaryStructureFactory


@dataclass
class World:
    project: object
    other_project: object
    users: dict
    participations: dict


def committed(project, name, user=None):
    participation = ParticipationFactory(
        project=project, structure=BeneficiaryStructureFactory(name=name),
        status=ParticipationStatus.COMMITTED,
    )
    if user is not None:
        StructureContact.objects.create(structure=participation.structure, user=user)
    return participation


def close(project, by):
    """Close the IC as the app does: its last sub-phase's transition."""
    CapitalisationItemFactory(project=project)
    project.refresh_from_db()
    return cycle.advance(project, by=by)


@pytest.fixture
def today(monkeypatch):
    return freeze(monkeypatch)


@pytest.fixture
def world(db, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    project = ProjectFactory(
        by=charge_mission, title="IC des tiers-lieux", state=State.CAPITALISATION,
        evaluation_summary="Compétences renforcées",
    )
    other_project = ProjectFactory(by=other_charge_mission, title="IC voisine")
    users = {
        "cm": charge_mission, "other_cm": other_charge_mission, "c2ra": c2ra_staff,
        "admin": admin_user,
        "structure": make_user("nora", Role.STRUCTURE),
        "second": make_user("sami", Role.STRUCTURE),
        "other_structure": make_user("omar", Role.STRUCTURE),
        "intervenant": make_user("ines", Role.INTERVENANT),
    }
    firm = Prestataire.objects.create(name="Cabinet Alpha")
    Intervenant.objects.create(prestataire=firm, first_name="I", last_name="A",
                               user=users["intervenant"])
    ProjectPrestataireFactory(project=project, prestataire=firm)
    participations = {
        "a": committed(project, "Asso A", users["structure"]),
        "b": committed(project, "Asso B", users["second"]),
        "other": committed(other_project, "Asso voisine", users["other_structure"]),
    }
    ParticipationFactory(
        project=project, structure=BeneficiaryStructureFactory(name="Asso partie"),
        status=ParticipationStatus.WITHDREW, withdrawal_reason="Déménagement",
    )
    return World(project, other_project, users, participations)


@pytest.fixture
def closed(world):
    close(world.project, world.users["cm"])
    world.project.refresh_from_db()
    return world
