"""The grille's part 1 asks the IC's facts of the cycle's rules, with their messages."""

from cycle import guards
from cycle.models import Project
from grille.selectors import (
    IN_PROJECT,
    PROJECT_REQUIREMENTS,
    load_sheet,
    missing,
    missing_in_grille,
)
from grille.vocabulary import Part


def test_part_1_says_what_the_ic_lacks_with_the_cycle_rules(ic, grille):
    Project.objects.filter(pk=ic.pk).update(problem_statement="")
    gaps = missing(load_sheet(Project.objects.get(pk=ic.pk), grille))
    expected = f"{guards.PROBLEM_STATEMENT.text()} {IN_PROJECT}"
    assert expected == "Rédigez la problématique. (fiche de l'IC, renseignée par le chargé de mission)"
    assert expected in gaps[Part.PRESENTATION]
    assert guards.PROBLEM_STATEMENT in PROJECT_REQUIREMENTS
    for rule in (guards.IC_TYPE, guards.PARTNERS, guards.OPERATIONAL_OBJECTIVE, guards.BUDGET,
                 guards.CANDIDATE_STRUCTURES, guards.SECTORS_TARGETED):
        assert rule in PROJECT_REQUIREMENTS


def test_a_complete_ic_leaves_only_the_grille_own_gaps(complete_ic, grille):
    sheet = load_sheet(Project.objects.get(pk=complete_ic.pk), grille)
    assert missing(sheet) == missing_in_grille(sheet)
    assert not any(str(IN_PROJECT) in m for part in missing_in_grille(sheet).values()
                   for m in part)
