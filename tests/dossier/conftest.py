"""Every kind of reader around one IC: its pilots, the C2RA, the chosen firm's intervenant
and another firm's, the contact of a structure committed to it and of one committed to
another IC only, an admin."""

import pytest

from accounts.models import Role
from cycle import services
from cycle.models import ProjectPrestataire, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, Prestataire, StructureContact
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory


def _contact(username, project):
    user = make_user(username, Role.STRUCTURE)
    structure = BeneficiaryStructureFactory()
    ProjectStructure.objects.create(
        project=project, structure=structure, status=ParticipationStatus.COMMITTED
    )
    StructureContact.objects.create(structure=structure, user=user)
    return user


def _intervenant(username, firm_name):
    user = make_user(username, Role.INTERVENANT)
    firm = Prestataire.objects.create(name=firm_name)
    Intervenant.objects.create(prestataire=firm, first_name="I", last_name=firm_name, user=user)
    return user, firm


@pytest.fixture
def people(project, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    chosen, firm = _intervenant("interv", "Cabinet Alpha")
    ProjectPrestataire.objects.create(project=project, prestataire=firm)
    other_project = services.create_project(by=other_charge_mission, title="IC voisine")
    return {
        "structure": _contact("asso", project),
        "other_structure": _contact("asso2", other_project),
        "intervenant": chosen,
        "other_intervenant": _intervenant("interv2", "Cabinet Beta")[0],
        "charge_mission": charge_mission,
        "other_charge_mission": other_charge_mission,
        "c2ra": c2ra_staff,
        "admin": admin_user,
    }
