"""Supply, for a project, exactly what the methodology asks before entering a state."""

import datetime
from decimal import Decimal

from cycle.models import Project
from cycle.states import State
from cycle.vocabulary import (
    ICType,
    ObjectiveKind,
    ParticipationStatus,
    PartnerRole,
    TerritorialScale,
)
from directory.vocabulary import PartnerKind
from grille.models import GrilleStatus
from tests.cycle.factories import (
    BudgetTrancheFactory,
    CapitalisationItemFactory,
    CommitteeFactory,
    ObjectiveFactory,
    ParticipationFactory,
    ProjectPartnerFactory,
    ProjectPrestataireFactory,
)
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    PartnerFactory,
    PrestataireFactory,
)
from tests.grille.factories import GrilleFactory


def _update(project, **fields):
    Project.objects.filter(pk=project.pk).update(**fields)


def fulfil(project, target):
    """Add the data that the guard of ``target`` requires."""
    if target == State.CIBLAGE:
        _update(project, problem_statement="Emplois jeunes à pérenniser", problem_sources="DAT 2003")
    elif target == State.ROLE_DLA:
        _update(project, territorial_scale=TerritorialScale.DEPARTEMENTAL)
        project.departements.add("59")
        project.sectors.add("environnement")
        ParticipationFactory(project=project, structure=BeneficiaryStructureFactory(name="Asso A"))
    elif target == State.DYNAMIQUE:
        _update(project, ic_type=ICType.COLLECTIVE_RESPONSE)
    elif target == State.OBJECTIFS:
        partner = PartnerFactory(name="DDTEFP du Nord", kind=PartnerKind.STATE)
        ProjectPartnerFactory(project=project, partner=partner, role=PartnerRole.CONCEPTION)
    elif target == State.VALIDATION:
        _update(project, strategic_objective="Pérenniser les emplois")
        ObjectiveFactory(project=project, kind=ObjectiveKind.OPERATIONAL, text="Analyser les postes")
        ObjectiveFactory(project=project, kind=ObjectiveKind.EVALUATION, text="Emplois maintenus")
    elif target == State.MOBILISATION:
        CommitteeFactory(project=project, opinion="Favorable")
        BudgetTrancheFactory(
            project=project, label="Intervention", amount=Decimal("14800.00"), days=Decimal("15")
        )
    elif target == State.PROJET:
        project.participations.update(status=ParticipationStatus.COMMITTED)
        ParticipationFactory(
            project=project, structure=BeneficiaryStructureFactory(name="Asso B"),
            status=ParticipationStatus.COMMITTED,
        )
    elif target == State.MODALITES:
        _update(project, intervention_project="Quatre rencontres thématiques")
    elif target == State.MISE_EN_OEUVRE:
        _update(project, specification_issued_on=datetime.date(2005, 3, 1))
        firm = PrestataireFactory(name="Bureau d'études Territoires")
        ProjectPrestataireFactory(project=project, prestataire=firm)
    elif target == State.EVALUATION:
        GrilleFactory(project=project, status=GrilleStatus.SUBMITTED)
    elif target == State.CAPITALISATION:
        _update(project, evaluation_summary="Compétences renforcées")
    elif target == State.CLOSED:
        CapitalisationItemFactory(project=project)
    project.refresh_from_db()
