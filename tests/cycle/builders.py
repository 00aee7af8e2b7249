"""Supply, for a project, exactly what the methodology asks before entering a state."""

import datetime
from decimal import Decimal

from cycle.models import (
    BudgetTranche,
    CapitalisationItem,
    Committee,
    Objective,
    Project,
    ProjectPartner,
    ProjectPrestataire,
    ProjectStructure,
)
from cycle.states import State
from directory.models import BeneficiaryStructure, Partner, Prestataire
from grille.models import Grille, GrilleStatus


def _structure(name):
    return BeneficiaryStructure.objects.create(
        name=name, legal_form="association", sector_id="environnement", departement_id="59"
    )


def _update(project, **fields):
    Project.objects.filter(pk=project.pk).update(**fields)


def fulfil(project, target):
    """Add the data that the guard of ``target`` requires."""
    if target == State.CIBLAGE:
        _update(project, problem_statement="Emplois jeunes à pérenniser", problem_sources="DAT 2003")
    elif target == State.ROLE_DLA:
        _update(project, territorial_scale="departemental")
        project.departements.add("59")
        project.sectors.add("environnement")
        ProjectStructure.objects.create(project=project, structure=_structure("Asso A"))
    elif target == State.DYNAMIQUE:
        _update(project, ic_type="reponse_collective")
    elif target == State.OBJECTIFS:
        partner = Partner.objects.create(name="DDTEFP du Nord", kind="etat")
        ProjectPartner.objects.create(project=project, partner=partner, role="conception")
    elif target == State.VALIDATION:
        _update(project, strategic_objective="Pérenniser les emplois")
        Objective.objects.create(project=project, kind="operationnel", text="Analyser les postes")
        Objective.objects.create(project=project, kind="evaluation", text="Emplois maintenus")
    elif target == State.MOBILISATION:
        Committee.objects.create(project=project, kind="appui", opinion="Favorable")
        BudgetTranche.objects.create(
            project=project, label="Intervention", amount=Decimal("14800.00"), days=Decimal("15")
        )
    elif target == State.PROJET:
        project.participations.update(status="engagee")
        ProjectStructure.objects.create(
            project=project, structure=_structure("Asso B"), status="engagee"
        )
    elif target == State.MODALITES:
        _update(project, intervention_project="Quatre rencontres thématiques")
    elif target == State.MISE_EN_OEUVRE:
        _update(project, specification_issued_on=datetime.date(2005, 3, 1))
        firm = Prestataire.objects.create(name="Bureau d'études Territoires")
        ProjectPrestataire.objects.create(project=project, prestataire=firm)
    elif target == State.EVALUATION:
        Grille.objects.create(project=project, status=GrilleStatus.SUBMITTED)
    elif target == State.CAPITALISATION:
        _update(project, evaluation_summary="Compétences renforcées")
    elif target == State.CLOSED:
        CapitalisationItem.objects.create(
            project=project, title="Synthèses des rencontres", nature="contenu",
            target_audiences="Réseau régional", responsible="dla",
        )
    project.refresh_from_db()
