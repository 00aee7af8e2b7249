"""Fixtures of the grille tests: a firm assigned to the IC, its intervenant, a stranger."""

from decimal import Decimal

import pytest

from accounts.models import Role
from cycle.models import Project
from cycle.vocabulary import (
    ICType,
    ObjectiveKind,
    ParticipationStatus,
    PartnerRole,
    ProblemOrigin,
    TerritorialScale,
)
from directory.vocabulary import PartnerKind
from grille.models import EvaluationAnswer, Grille
from grille.vocabulary import (
    QUESTIONS,
    Answer,
    Axis,
    InterventionMode,
    InterventionType,
    WorkMethod,
)
from tests.conftest import make_user
from tests.cycle.factories import (
    BudgetTrancheFactory,
    ObjectiveFactory,
    ParticipationFactory,
    ProjectPartnerFactory,
    ProjectPrestataireFactory,
)
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    IntervenantFactory,
    PartnerFactory,
    PrestataireFactory,
)
from tests.grille.factories import (
    EvaluationAnswerFactory,
    GrilleFactory,
    GrilleThemeFactory,
    PhaseFactory,
)


@pytest.fixture
def firm(db):
    return PrestataireFactory(name="Bureau d'études Territoires")


@pytest.fixture
def intervenant(firm):
    user = make_user("intervenant", Role.INTERVENANT, first_name="Inès", last_name="Durand")
    IntervenantFactory(prestataire=firm, first_name="Inès", last_name="Durand", user=user)
    return user


@pytest.fixture
def colleague(firm):
    """A second intervenant of the same firm (for concurrent saves)."""
    user = make_user("intervenant-bis", Role.INTERVENANT)
    IntervenantFactory(prestataire=firm, first_name="Luc", last_name="Petit", user=user)
    return user


@pytest.fixture
def other_intervenant(db):
    firm = PrestataireFactory(name="Cabinet Ailleurs")
    user = make_user("intervenant-autre", Role.INTERVENANT)
    IntervenantFactory(prestataire=firm, first_name="Éric", last_name="Autre", user=user)
    return user


@pytest.fixture
def ic(project, firm, intervenant):
    """The sample IC, with the intervenant's firm assigned."""
    ProjectPrestataireFactory(project=project, prestataire=firm)
    return project


def complete_project(project):
    """Give the IC every fact the grille's part 1 reads from it."""
    Project.objects.filter(pk=project.pk).update(
        ic_type=ICType.COLLECTIVE_RESPONSE, problem_origin=ProblemOrigin.DIAGNOSTICS,
        problem_statement="Emplois jeunes à pérenniser",
        territorial_scale=TerritorialScale.DEPARTEMENTAL,
    )
    project.sectors.add("environnement")
    partner = PartnerFactory(name="DDTEFP du Nord", kind=PartnerKind.STATE)
    ProjectPartnerFactory(project=project, partner=partner, role=PartnerRole.CONCEPTION)
    ObjectiveFactory(project=project, kind=ObjectiveKind.OPERATIONAL, text="Analyser les postes")
    BudgetTrancheFactory(
        project=project, label="Intervention", amount=Decimal("14800.00"), days=Decimal("15")
    )
    for name in ("Asso A", "Asso B"):
        ParticipationFactory(
            project=project, structure=BeneficiaryStructureFactory(name=name),
            status=ParticipationStatus.COMMITTED,
        )
    return Project.objects.get(pk=project.pk)


def complete_grille(grille, *, phases=True):
    """Fill everything the grille itself must hold to be complete."""
    Grille.objects.filter(pk=grille.pk).update(
        intervenant_system="Un prestataire, deux intervenants",
        roles_split="Le DLA anime, le prestataire intervient",
        intervention_mode=InterventionMode.SPREAD, duration_months=9,
        course_description="Quatre rencontres", work_method=WorkMethod.COLLECTIVE,
        intervention_types=[InterventionType.INFORMATION],
        strengths="Synthèses régulières", watchpoints="Clarifier les objectifs",
    )
    GrilleThemeFactory(grille=grille, axis=Axis.STRATEGY, code="connaitre-marche")
    if phases:
        PhaseFactory(grille=grille, position=1, title="Rencontre 1", days=Decimal("0.5"))
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswerFactory.build(grille=grille, question=q.code, answer=Answer.YES)
        for q in QUESTIONS
    )
    return Grille.objects.get(pk=grille.pk)


@pytest.fixture
def complete_ic(ic):
    return complete_project(ic)


@pytest.fixture
def grille(ic):
    return GrilleFactory(project=ic)


@pytest.fixture
def client_of(db):
    """A fresh logged-in test client per user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make
