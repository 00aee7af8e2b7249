"""One home per rule: a Requirement holds one check and one French message (issue 14)."""

import pytest
from django.utils.translation import gettext_lazy as _

from cycle import guards
from cycle.models import Project
from cycle.states import State
from dla_ic.requirements import Requirement, missing


def test_a_requirement_is_empty_when_met_else_its_one_message():
    rule = Requirement(_("Rédigez la problématique."), lambda text: text.strip())
    assert rule.missing("Emplois") == []
    assert rule.missing("  ") == ["Rédigez la problématique."]
    assert rule("  ") == rule.missing("  ")  # a check: subject -> list of messages


def test_a_requirement_message_may_describe_its_subject():
    rule = Requirement(_("Total %(total)s %% sur 100 %%."), lambda t: t == 100,
                       lambda t: {"total": t})
    assert rule.missing(90) == ["Total 90 % sur 100 %."]
    assert rule.text(115) == "Total 115 % sur 100 %."


def test_missing_adds_up_requirements_and_checks_returning_lists():
    always = Requirement(_("A."), lambda _s: False)
    never = Requirement(_("B."), lambda _s: True)
    assert missing(None, (always, never, lambda _s: ["C.", "D."])) == ["A.", "C.", "D."]


def test_the_problem_statement_rule_is_the_guard_of_ciblage(project):
    assert guards.PROBLEM_STATEMENT in guards.REQUIREMENTS[State.CIBLAGE]
    assert guards.PROBLEM_STATEMENT.text() == "Rédigez la problématique."
    assert guards.missing_for(project, State.CIBLAGE)[0] == guards.PROBLEM_STATEMENT.text()


@pytest.mark.parametrize("fact", guards.PRESENT, ids=lambda f: f.name)
def test_presence_is_read_from_the_flag_when_loaded_else_queried(
    project, fact, django_assert_num_queries
):
    flagged = Project.objects.annotate(**guards.presence_flags()).get(pk=project.pk)
    with django_assert_num_queries(0):
        assert fact(flagged) == getattr(flagged, f"has_{fact.name}")
    plain = Project.objects.get(pk=project.pk)
    with django_assert_num_queries(1):
        assert fact(plain) == getattr(flagged, f"has_{fact.name}")


def test_every_guard_is_a_check_returning_a_list_of_messages(project):
    for checks in guards.REQUIREMENTS.values():
        for check in checks:
            assert isinstance(check(project), list)
