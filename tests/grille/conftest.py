"""Fixtures of the grille tests: a firm assigned to the IC, its intervenant, a stranger."""

from decimal import Decimal

import pytest

from accounts.models import Role
from cycle.models import (
    BudgetTranche,
    Objective,
    Project,
    ProjectPartner,
    ProjectPrestataire,
    ProjectStructure,
)
from directory.models import BeneficiaryStructure, Intervenant, Partner, Prestataire
from grille.models import EvaluationAnswer, Grille, GrilleTheme, Phase
from grille.vocabulary import QUESTIONS
from tests.conftest import make_user


@pytest.fixture
def firm(db):
    return Prestataire.objects.create(name="Bureau d'études Territoires")


@pytest.fixture
def intervenant(firm):
    user = make_user("intervenant", Role.INTERVENANT, first_name="Inès", last_name="Durand")
    Intervenant.objects.create(prestataire=firm, first_name="Inès", last_name="Durand", user=user)
    return user


@pytest.fixture
def colleague(firm):
    """A second intervenant of the same firm (for concurrent saves)."""
    user = make_user("intervenant-bis", Role.INTERVENANT)
    Intervenant.objects.create(prestataire=firm, first_name="Luc", last_name="Petit", user=user)
    return user


@pytest.fixture
def other_intervenant(db):
    firm = Prestataire.objects.create(name="Cabinet Ailleurs")
    user = make_user("intervenant-autre", Role.INTERVENANT)
    Intervenant.objects.create(prestataire=firm, first_name="Éric", last_name="Autre", user=user)
    return user


@pytest.fixture
def ic(project, firm, intervenant):
    """The sample IC, with the intervenant's firm assigned."""
    ProjectPrestataire.objects.create(project=project, prestataire=firm)
    return project


def complete_project(project):
    """Give the IC every fact the grille's part 1 reads from it."""
    Project.objects.filter(pk=project.pk).update(
        ic_type="reponse_collective", problem_origin="diagnostics",
        problem_statement="Emplois jeunes à pérenniser", territorial_scale="departemental",
    )
    project.sectors.add("environnement")
    partner = Partner.objects.create(name="DDTEFP du Nord", kind="etat")
    ProjectPartner.objects.create(project=project, partner=partner, role="conception")
    Objective.objects.create(project=project, kind="operationnel", text="Analyser les postes")
    BudgetTranche.objects.create(
        project=project, label="Intervention", amount=Decimal("14800.00"), days=Decimal("15")
    )
    for name in ("Asso A", "Asso B"):
        structure = BeneficiaryStructure.objects.create(
            name=name, legal_form="association", sector_id="environnement", departement_id="59"
        )
        ProjectStructure.objects.create(project=project, structure=structure, status="engagee")
    return Project.objects.get(pk=project.pk)


def complete_grille(grille, *, phases=True):
    """Fill everything the grille itself must hold to be complete."""
    Grille.objects.filter(pk=grille.pk).update(
        intervenant_system="Un prestataire, deux intervenants",
        roles_split="Le DLA anime, le prestataire intervient",
        intervention_mode="etalee", duration_months=9, course_description="Quatre rencontres",
        work_method="collectif", intervention_types=["information"],
        strengths="Synthèses régulières", watchpoints="Clarifier les objectifs",
    )
    GrilleTheme.objects.create(grille=grille, axis="strategie", code="connaitre-marche")
    if phases:
        Phase.objects.create(grille=grille, position=1, title="Rencontre 1", days=Decimal("0.5"))
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(grille=grille, question=q.code, answer="oui") for q in QUESTIONS
    )
    return Grille.objects.get(pk=grille.pk)


@pytest.fixture
def complete_ic(ic):
    return complete_project(ic)


@pytest.fixture
def grille(ic):
    return Grille.objects.create(project=ic)


@pytest.fixture
def client_of(db):
    """A fresh logged-in test client per user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make
