"""Factories of the monographs: an IC's cahier des charges, with the default criteria."""

import factory

from monographs import services
from monographs.models import Specification
from tests.cycle.factories import ProjectFactory


class SpecificationFactory(factory.django.DjangoModelFactory):
    """The IC's cahier des charges as the app creates it, then given ``fields``."""

    class Meta:
        model = Specification
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)

    @classmethod
    def _create(cls, model_class, *args, project, **fields):
        specification = services.specification_for(project)
        if fields:
            model_class.objects.filter(pk=specification.pk).update(**fields)
            specification.refresh_from_db()
        return specification
