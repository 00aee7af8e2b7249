"""Factories of the grille: a grille in a declared status (grille.models.GrilleStatus)."""

from decimal import Decimal

import factory

from grille.models import EvaluationAnswer, Grille, GrilleStatus, GrilleTheme, Phase
from grille.vocabulary import Answer, Axis
from tests.cycle.factories import ProjectFactory


class GrilleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grille
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    status = GrilleStatus.DRAFT


class GrilleThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrilleTheme
        skip_postgeneration_save = True

    grille = factory.SubFactory(GrilleFactory)
    axis = Axis.STRATEGY
    code = "connaitre-marche"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        skip_postgeneration_save = True

    grille = factory.SubFactory(GrilleFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda phase: f"Rencontre {phase.position}")
    days = Decimal("0.5")


class EvaluationAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationAnswer
        skip_postgeneration_save = True

    grille = factory.SubFactory(GrilleFactory)
    answer = Answer.YES
