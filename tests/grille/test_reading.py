"""The read side: one query for the IC, its grille and the rights; only what a page shows."""

import pytest
from django.http import Http404
from django.urls import reverse

from accounts.models import Role
from cycle.models import Project
from grille.rules import can_edit_grille, can_review_grille, can_view_grille, capabilities_of
from grille.selectors import grille_page_project, load_sheet, missing
from grille.views import PAGE_NEEDS
from tests.conftest import make_user

from .conftest import complete_grille, complete_project


def partial_and_full(user, project, page):
    """``missing`` from the page's partial read, and from a full read."""
    loaded = grille_page_project(user, project.pk)
    grille = getattr(loaded, "grille", None)
    facts, content = PAGE_NEEDS[page]
    partial = load_sheet(loaded, grille, facts=facts, content=content) if grille else None
    full = load_sheet(Project.objects.get(pk=project.pk), grille) if grille else None
    return partial, full


@pytest.mark.parametrize("page", sorted(PAGE_NEEDS, key=str))
@pytest.mark.parametrize("filled", [False, True])
def test_presence_flags_report_the_same_gaps_as_a_full_read(ic, grille, charge_mission, page,
                                                            filled):
    if filled:
        complete_project(ic)
        complete_grille(grille, phases=False)
    partial, full = partial_and_full(charge_mission, ic, page)
    assert missing(partial) == missing(full)


WHO = ["charge_mission", "intervenant", "c2ra_staff", "other_charge_mission",
       "other_intervenant", "admin_user", "inactive"]


@pytest.mark.parametrize("who", WHO)
def test_rights_read_with_the_project_match_the_rules(ic, grille, request, who):
    if who == "inactive":
        user = make_user("ancien", Role.CHARGE_MISSION, ic.pilotages.first().organisation,
                         is_active=False)
    else:
        user = request.getfixturevalue(who)
    expected = {
        "view": can_view_grille(user, ic),
        "edit": can_view_grille(user, ic) and can_edit_grille(user, ic),
        "review": can_view_grille(user, ic) and can_review_grille(user, ic),
    }
    if not expected["view"]:
        with pytest.raises(Http404):
            grille_page_project(user, ic.pk)
        return
    assert capabilities_of(user, grille_page_project(user, ic.pk)) == expected


def test_overview_reads_few_queries(ic, grille, intervenant, client_of,
                                    django_assert_max_num_queries):
    project = complete_project(ic)
    complete_grille(grille)
    client = client_of(intervenant)
    url = reverse("grille:overview", kwargs={"project_pk": project.pk})
    client.get(url)
    # session, user and the intervenant's firm (3), the IC with its grille, rights and
    # presence flags (1), the six answers (1), the history (1), the session saved (3), the
    # navbar's perms (2).
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200
