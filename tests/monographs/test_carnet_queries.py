"""A carnet reads its monographs once, with the carnet: not each one again as it renders it."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cycle.models import Project
from grille.models import GrilleStatus
from monographs.carnet import build_carnet_pdf
from monographs.models import Carnet


def _queries(projects, user) -> int:
    carnet = Carnet.objects.create(title="Carnet", requested_by=user)
    carnet.projects.set(projects)
    with CaptureQueriesContext(connection) as queries:
        build_carnet_pdf(carnet, lambda percent: None)
    return len(queries)


@pytest.mark.django_db
def test_a_monograph_more_costs_only_its_follow_up_query(admin_user):
    call_command("load_demo", stdout=io.StringIO())
    projects = list(Project.objects.filter(grille__status=GrilleStatus.VALIDATED)
                    .order_by("title")[:4])
    assert len(projects) == 4

    one, four = _queries(projects[:1], admin_user), _queries(projects, admin_user)

    # followup.monograph_effects: one query per monograph (its questionnaires), no more.
    assert four - one <= 3
