"""Factories of the directory: DLA and C2RA, partners, beneficiary structures, firms."""

import factory

from directory.models import (
    BeneficiaryStructure,
    Intervenant,
    Organisation,
    Partner,
    Prestataire,
)
from directory.validators import luhn_is_valid
from directory.vocabulary import LegalForm, OrganisationKind, PartnerKind


def valid_siret(n: int) -> str:
    """The ``n``-th of a series of SIRETs whose Luhn key is right (never La Poste's)."""
    stem = f"8{n:012d}"
    return next(stem + key for key in "0123456789" if luhn_is_valid(stem + key))


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A DLA départemental (``regional=True``: a C2RA, without département)."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    class Params:
        regional = factory.Trait(kind=OrganisationKind.C2RA, departement_id=None)

    kind = OrganisationKind.DLA
    name = factory.Sequence(lambda n: f"DLA n° {n}")
    departement_id = "59"
    region_id = "32"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partenaire {n}")
    kind = PartnerKind.STATE


class BeneficiaryStructureFactory(factory.django.DjangoModelFactory):
    """A structure of the sector (``registered=True``: with a valid SIRET)."""

    class Meta:
        model = BeneficiaryStructure
        skip_postgeneration_save = True

    class Params:
        registered = factory.Trait(siret=factory.Sequence(valid_siret))

    name = factory.Sequence(lambda n: f"Structure {n}")
    legal_form = LegalForm.ASSOCIATION
    sector_id = "environnement"
    departement_id = "59"


class PrestataireFactory(factory.django.DjangoModelFactory):
    """A consulting firm; ``approved_regions=["32"]`` lists it in those regions."""

    class Meta:
        model = Prestataire
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cabinet {n}")

    @factory.post_generation
    def approved_regions(self, create, regions, **kwargs):
        if create and regions:
            self.approved_regions.add(*regions)


class IntervenantFactory(factory.django.DjangoModelFactory):
    """A consultant of a firm, with no account unless ``user`` is given."""

    class Meta:
        model = Intervenant
        skip_postgeneration_save = True

    prestataire = factory.SubFactory(PrestataireFactory)
    first_name = "Inès"
    last_name = "Durand"
