"""Facts the IC already holds, proposed in the cahier des charges (issue 21): the budget
ceiling is the IC's budget until someone types one."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monographs import services
from monographs.forms import SpecificationForm
from tests.browserless import posted
from tests.cycle.factories import BudgetTrancheFactory

SOURCE = "Proposé d'après le budget d'intervention de l'IC"


@pytest.fixture
def budgeted(project):
    BudgetTrancheFactory(project=project, label="Tranche 1", amount=Decimal("14800.00"))
    BudgetTrancheFactory(project=project, label="Tranche 2", amount=Decimal("2000.50"))
    return project


def test_an_empty_ceiling_is_proposed_from_the_ic_budget(budgeted):
    form = SpecificationForm(instance=services.specification_for(budgeted))

    assert form["budget_ceiling"].value() == Decimal("16800.50")
    assert SOURCE in str(form.fields["budget_ceiling"].help_text)


def test_a_ceiling_already_typed_is_never_replaced(budgeted):
    specification = services.specification_for(budgeted)
    specification.budget_ceiling = Decimal("9000")

    form = SpecificationForm(instance=specification)

    assert form["budget_ceiling"].value() == Decimal("9000")
    assert SOURCE not in str(form.fields["budget_ceiling"].help_text)


def test_nothing_is_proposed_without_a_budget(project):
    form = SpecificationForm(instance=services.specification_for(project))

    assert form["budget_ceiling"].value() is None


def test_a_submitted_form_is_read_as_typed_even_when_left_empty(budgeted):
    specification = services.specification_for(budgeted)
    form = SpecificationForm({"version": specification.version, "budget_ceiling": ""},
                             instance=specification)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["budget_ceiling"] is None


def test_the_page_shows_the_proposal_and_saving_it_as_drawn_keeps_it(
    client, charge_mission, budgeted
):
    specification = services.specification_for(budgeted)
    client.force_login(charge_mission)
    url = reverse("monographs:specification_edit", args=[budgeted.pk])

    page = client.get(url).content.decode()
    assert 'value="16800,50"' in page
    assert SOURCE in page

    response = client.post(url, posted(page, "novalidate"))
    assert response.status_code != 400, response.context["form"].errors

    assert response.status_code == 302
    specification.refresh_from_db()
    assert specification.budget_ceiling == Decimal("16800.50")
