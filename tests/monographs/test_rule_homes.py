"""The cahier des charges' issue reuses the IC's rules and owns the weights' total."""

from cycle import guards
from cycle.models import Project
from monographs import services
from monographs.checks import ISSUE_REQUIREMENTS, WEIGHTS_TOTAL, missing_for_issue, weights_total
from monographs.models import Criterion


def test_weights_total_rule_and_its_one_message():
    assert WEIGHTS_TOTAL.missing(100) == []
    assert WEIGHTS_TOTAL.missing(90) == [
        "Les pondérations des critères totalisent 90 % : elles doivent totaliser 100 %."
    ]


def test_issue_asks_the_problem_statement_of_the_cycle_rule(project):
    Project.objects.filter(pk=project.pk).update(problem_statement="")
    specification = services.specification_for(Project.objects.get(pk=project.pk))
    assert guards.PROBLEM_STATEMENT.text() in missing_for_issue(specification)
    assert "La problématique de l'IC n'est pas rédigée." not in missing_for_issue(specification)


def test_issue_asks_the_weights_total_of_the_one_rule(project):
    specification = services.specification_for(project)
    assert weights_total(specification) == 100
    assert not [m for m in missing_for_issue(specification) if "pondérations" in m]
    Criterion.objects.filter(specification=specification).update(weight=10)
    total = weights_total(specification)
    assert WEIGHTS_TOTAL.text(total) in missing_for_issue(specification)
    assert weights_total(None) == 0


def test_issue_requirements_are_checks_returning_lists(project):
    specification = services.specification_for(project)
    for check in ISSUE_REQUIREMENTS:
        assert isinstance(check(specification), list)


def test_the_criteria_form_checks_the_total_with_the_one_rule(monkeypatch, project):
    from dla_ic.requirements import Requirement
    from monographs import forms

    from .test_specification import form_data

    specification = services.specification_for(project)
    data = form_data(specification)
    formset = forms.CriterionFormSet(data, instance=specification, prefix="criteria")
    assert formset.is_valid(), formset.non_form_errors()
    monkeypatch.setattr(forms, "WEIGHTS_TOTAL",
                        Requirement(WEIGHTS_TOTAL.message, lambda total: total == 99))
    formset = forms.CriterionFormSet(data, instance=specification, prefix="criteria")
    assert not formset.is_valid()
    # Its wording is the form's own (see the conflict noted in monographs/forms.py).
    assert "Les pondérations totalisent 100 % : elles doivent totaliser 100 %." in str(
        formset.non_form_errors()
    )
