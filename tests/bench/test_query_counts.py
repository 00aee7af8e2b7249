"""Each page costs the same number of SQL queries with 20 ICs as with 300 in scope."""

import dataclasses

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from cycle.models import Project
from cycle.states import State
from demo import dataset

pytestmark = pytest.mark.django_db

LARGER = dataclasses.replace(
    dataset.SCALES["small"], name="larger", ics=300, structures=900, partners=120,
    prestataires=40, logs_per_ic=6,
)
CM, STAFF, ADMIN = "gen-cm-59-0", "gen-c2ra-32-0", "gen-admin-0"
PROJECT_PAGE_QUERIES = 12


def pages():
    project = Project.objects.filter(state=State.EVALUATION).order_by("pk").first()
    return {
        "dashboard cm": (CM, "/"),
        "dashboard c2ra": (STAFF, "/"),
        "dashboard admin": (ADMIN, "/"),
        "dashboard admin table": (ADMIN, "/?view=table&page=2"),
        "dashboard filtered": (ADMIN, "/?view=table&region=32&stage=finaliser&o=-budget"),
        "project page": (ADMIN, f"/projets/{project.pk}/"),
        "grille page": (ADMIN, f"/grilles/{project.pk}/"),
        "directory": (CM, "/annuaire/structures/?page=2"),
        "statistics c2ra": (STAFF, "/statistiques/"),
        "statistics admin": (ADMIN, "/statistiques/?ic_type=reponse_collective"),
        "library": (STAFF, "/bibliotheque/"),
        "library search": (CM, "/bibliotheque/?q=ateliers+collectifs"),
    }


def measure(scale) -> tuple[dict, int]:
    class Rollback(Exception):
        pass

    counts = {}
    try:
        with transaction.atomic():
            dataset.generate(scale, 1)
            for name, (username, path) in pages().items():
                client = Client()
                client.force_login(User.objects.get(username=username))
                client.get(path)
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                assert response.status_code == 200, (name, response.status_code)
                counts[name] = len(queries)
            in_scope = Project.objects.count()
            raise Rollback
    except Rollback:
        pass
    return counts, in_scope


def test_query_count_does_not_grow_with_the_number_of_ics():
    small, small_ics = measure("small")
    larger, larger_ics = measure(LARGER)
    assert larger_ics >= 10 * small_ics
    assert larger == small
    # The project page builds its add-forms and its other tabs on demand: its count stays this low.
    assert small["project page"] <= PROJECT_PAGE_QUERIES
