from datetime import date, time

import pytest

from directory.models import Intervenant
from meetings import services
from tests.exchange.factories import build_world


def plan(project, *, invited, title="Atelier collectif", held_on=date(2030, 3, 12), **extra):
    fields = {
        "title": title, "phase": "finaliser_mise_en_oeuvre", "held_on": held_on,
        "starts_at": time(9, 30), "ends_at": time(12, 0), "place": "Maison des associations",
        **extra,
    }
    return services.create_meeting(
        project=project, by=project.created_by, fields=fields, invited=invited,
        intervenants=Intervenant.objects.filter(prestataire__assignments__project=project),
    )


@pytest.fixture
def world(db, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    """The exchange's world: Alpha chosen here, Beta elsewhere; ``structure`` committed
    here, ``other_structure`` elsewhere; plus a second committed structure here."""
    from cycle.models import ProjectStructure
    from cycle.vocabulary import ParticipationStatus
    from tests.directory.factories import BeneficiaryStructureFactory

    w = build_world(charge_mission, other_charge_mission, c2ra_staff, admin_user)
    w.users["structure"].email = "nora@example.org"
    w.users["structure"].first_name, w.users["structure"].last_name = "Nora", "Benali"
    w.users["structure"].save()
    w.second = BeneficiaryStructureFactory(name="Régie de quartier")
    ProjectStructure.objects.create(
        project=w.project, structure=w.second, status=ParticipationStatus.COMMITTED
    )
    w.meeting = plan(w.project, invited={w.participation.structure: 2, w.second: 1})
    return w
