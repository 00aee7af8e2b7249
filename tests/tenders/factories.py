"""Factories of the tenders: a call opened on an issued cahier des charges, its invitations."""

import datetime

import factory
from django.utils import timezone

from tenders import services
from tenders.models import CallForTender, Invitation
from tenders.vocabulary import InvitationStatus
from tests.directory.factories import PrestataireFactory


class CallForTenderFactory(factory.django.DjangoModelFactory):
    """A call opened as the app opens one (``tenders.services.open_call``).

    ``project`` must have its cahier des charges issued; ``by`` is its chargé de mission.
    """

    class Meta:
        model = CallForTender
        skip_postgeneration_save = True

    intent_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    reply_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))

    @classmethod
    def _create(cls, model_class, *args, project, by, prestataires, **fields):
        return services.open_call(project, by=by, prestataires=prestataires, **fields)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A firm invited to a call, ``status`` an InvitationStatus."""

    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    prestataire = factory.SubFactory(PrestataireFactory)
    status = InvitationStatus.INVITED
