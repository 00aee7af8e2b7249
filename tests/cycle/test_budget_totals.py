"""The budget's totals have one home (cycle.models.project): same figures whether
summed over loaded rows (no query) or aggregated in the database (one query)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from cycle.models import BudgetTranche, Project
from tests.cycle.factories import BudgetTrancheFactory

EXPECTED = {"amount": Decimal("20800.00"), "days": Decimal("21.5")}


@pytest.fixture
def tranches(project):
    for position, (amount, days) in enumerate((("14800.00", "15"), ("6000.00", "6.5"))):
        BudgetTrancheFactory(
            project=project, label=f"Tranche {position}", amount=Decimal(amount),
            days=Decimal(days), position=position,
        )
    return project


def test_no_tranche_totals_zero(project):
    assert project.budget_totals() == {"amount": Decimal("0"), "days": Decimal("0")}


def test_aggregated_in_one_query(tranches):
    with CaptureQueriesContext(connection) as queries:
        assert tranches.budget_totals() == EXPECTED
    assert len(queries) == 1


def test_prefetched_rows_summed_without_a_query(tranches):
    project = Project.objects.prefetch_related(Prefetch("budget_tranches")).get(pk=tranches.pk)
    with CaptureQueriesContext(connection) as queries:
        assert project.budget_totals() == EXPECTED
    assert len(queries) == 0


def test_across_projects(tranches, project_factory):
    other = project_factory(title="Autre IC")
    BudgetTranche.objects.create(project=other, label="Seule", amount=Decimal("1000"),
                                 days=Decimal("2"))
    assert BudgetTranche.objects.all().totals() == {
        "amount": Decimal("21800.00"), "days": Decimal("23.5"),
    }
