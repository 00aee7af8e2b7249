"""Factories of the accounts: one user per role (accounts.models.Role)."""

import factory

from accounts.models import Role, User
from tests.directory.factories import OrganisationFactory

PASSWORD = "motdepasse-test"
# The roles whose users belong to a DLA or a C2RA (a constraint of the User model).
STAFF_ROLES = {Role.CHARGE_MISSION, Role.C2RA}


class UserFactory(factory.django.DjangoModelFactory):
    """A user of ``role``, signed in with PASSWORD; staff roles get an organisation."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur-{n}")
    role = Role.CHARGE_MISSION
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda user: user.role in STAFF_ROLES),
        yes_declaration=factory.SubFactory(OrganisationFactory),
        no_declaration=None,
    )
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class._default_manager.create_user(*args, **kwargs)


class ChargeMissionFactory(UserFactory):
    role = Role.CHARGE_MISSION


class C2RAStaffFactory(UserFactory):
    role = Role.C2RA
    organisation = factory.SubFactory(OrganisationFactory, regional=True)


class AdminFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True
    is_superuser = True


class IntervenantUserFactory(UserFactory):
    role = Role.INTERVENANT

