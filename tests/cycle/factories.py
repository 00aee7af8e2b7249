"""Factories of the cycle: an IC in a declared state (cycle.states.State) and its rows."""

from decimal import Decimal

import factory

from cycle import services
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
from cycle.vocabulary import (
    CapitalisationNature,
    CommitteeKind,
    ObjectiveKind,
    ParticipationStatus,
    PartnerRole,
    TransferResponsible,
)
from tests.accounts.factories import ChargeMissionFactory
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    PartnerFactory,
    PrestataireFactory,
)


def set_state(project, state: State):
    """Place an IC in a state directly (the cycle's own rules are tested in tests/cycle)."""
    Project.objects.filter(pk=project.pk).update(state=State(state))


class ProjectFactory(factory.django.DjangoModelFactory):
    """An IC created ``by`` a user as the app creates one (pilots, checklist, journal).

    ``state=State.X`` then places it in that state directly, without its guards;
    ``sectors=[...]`` and ``departements=[...]`` fill its territory.
    """

    class Meta:
        model = Project
        skip_postgeneration_save = True

    by = factory.SubFactory(ChargeMissionFactory)
    title = "Pérenniser des emplois"

    @classmethod
    def _build(cls, model_class, *args, by, state=None, **fields):
        if state is not None:
            fields["state"] = State(state)
        return model_class(*args, created_by=by, **fields)

    @classmethod
    def _create(cls, model_class, *args, by, state=None, **fields):
        project = services.create_project(by=by, **fields)
        if state is not None:
            set_state(project, state)
            project.refresh_from_db()
        return project

    @factory.post_generation
    def sectors(self, create, codes, **kwargs):
        if create and codes:
            self.sectors.add(*codes)

    @factory.post_generation
    def departements(self, create, codes, **kwargs):
        if create and codes:
            self.departements.add(*codes)


class ParticipationFactory(factory.django.DjangoModelFactory):
    """A beneficiary structure in an IC, ``status`` a ParticipationStatus."""

    class Meta:
        model = ProjectStructure
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    structure = factory.SubFactory(BeneficiaryStructureFactory)
    status = ParticipationStatus.IDENTIFIED


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = PartnerRole.CONCEPTION


class ProjectPrestataireFactory(factory.django.DjangoModelFactory):
    """A firm assigned to an IC."""

    class Meta:
        model = ProjectPrestataire
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    prestataire = factory.SubFactory(PrestataireFactory)


class BudgetTrancheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetTranche
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    label = "Intervention"
    amount = Decimal("14800.00")
    days = Decimal("15")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    kind = ObjectiveKind.OPERATIONAL
    text = "Analyser les postes"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    kind = CommitteeKind.APPUI


class CapitalisationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapitalisationItem
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = "Synthèses des rencontres"
    nature = CapitalisationNature.CONTENT
    target_audiences = "Réseau régional"
    responsible = TransferResponsible.DLA
