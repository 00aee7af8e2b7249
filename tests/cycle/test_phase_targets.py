"""The sub-phases' target dates: proposed from the IC's calendar, set on its page, the
current one a task of the IC's chargés de mission."""

import html
from datetime import date

import pytest
from django.urls import reverse

from agenda.selectors import open_tasks
from cycle import targets
from cycle.models import PhaseTarget, Project
from cycle.states import PHASES, State

pytestmark = pytest.mark.django_db


def _calendar(project, **dates):
    Project.objects.filter(pk=project.pk).update(**dates)
    project.refresh_from_db()


def test_proposals_follow_the_ics_calendar(project):
    _calendar(
        project,
        launched_on=date(2027, 1, 1),
        intervention_starts_on=date(2027, 10, 1),
        intervention_ends_on=date(2028, 3, 31),
    )

    proposed = targets.proposals(project)

    assert list(proposed) == [str(p) for p in PHASES]
    assert proposed[State.PROBLEMATIQUE] > date(2027, 1, 1)
    assert proposed[State.MODALITES] == date(2027, 10, 1)
    assert sorted(proposed.values()) == list(proposed.values())
    assert proposed[State.MISE_EN_OEUVRE] == date(2028, 3, 31)
    assert proposed[State.EVALUATION] == date(2028, 4, 30)
    assert proposed[State.CAPITALISATION] == date(2028, 5, 30)


def test_no_calendar_no_proposal(project):
    assert targets.proposals(project) == {}


def _url(project):
    return reverse("cycle:project_targets", args=[project.pk])


def _post(client, project, seen=None, **dates):
    data = {f"initial-{p}": (seen or {}).get(p, "") for p in PHASES}
    data.update({str(p): "" for p in PHASES})
    data.update(dates)
    return client.post(_url(project), data)


def test_a_pilot_sets_targets_and_the_current_one_is_a_task(client, project, charge_mission):
    client.force_login(charge_mission)

    response = _post(
        client, project, **{State.PROBLEMATIQUE: "2027-02-01", State.CIBLAGE: "2027-03-01"}
    )

    assert response.status_code == 302
    assert dict(project.phase_targets.values_list("phase", "due_on")) == {
        State.PROBLEMATIQUE: date(2027, 2, 1),
        State.CIBLAGE: date(2027, 3, 1),
    }
    tasks = open_tasks(user=charge_mission)
    assert [(t.kind, t.due_on) for t in tasks] == [("phase-target", date(2027, 2, 1))]
    assert "Terminer la sous-phase" in tasks[0].title


def test_an_emptied_date_is_removed(client, project, charge_mission):
    PhaseTarget.objects.create(project=project, phase=State.CIBLAGE, due_on=date(2027, 3, 1))
    client.force_login(charge_mission)

    _post(client, project, seen={State.CIBLAGE: "2027-03-01"})

    assert not project.phase_targets.exists()


def test_a_bad_date_is_refused_in_french_and_kept(client, project, charge_mission):
    client.force_login(charge_mission)

    response = _post(client, project, **{State.CIBLAGE: "2027-13-45"})

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Saisissez une date valide" in page and 'value="2027-13-45"' in page
    assert not project.phase_targets.exists()


def test_a_date_saved_meanwhile_is_not_overwritten(client, project, charge_mission):
    PhaseTarget.objects.create(project=project, phase=State.CIBLAGE, due_on=date(2027, 3, 1))
    client.force_login(charge_mission)

    response = _post(client, project, **{State.CIBLAGE: "2027-04-01"})  # drawn before it

    assert "Quelqu'un d'autre a modifié les échéances" in html.unescape(response.content.decode())
    assert project.phase_targets.get().due_on == date(2027, 3, 1)


def test_proposals_are_shown_not_saved(client, project, charge_mission, c2ra_staff):
    _calendar(project, intervention_ends_on=date(2028, 3, 31))
    client.force_login(c2ra_staff)

    page = client.get(_url(project)).content.decode()

    assert "proposée" in page and "31 mars 2028" in page
    assert not project.phase_targets.exists()


def test_the_targets_page_is_titled_like_the_others(client, project, charge_mission):
    client.force_login(charge_mission)

    page = client.get(reverse("cycle:project_targets", args=[project.pk])).content.decode()

    assert f"– {html.escape(project.title)} – Ingénieries collectives DLA</title>" in page


def test_the_targets_page_alone_has_its_h1_and_the_ic_pages_fragment_its_h3(
    client, project, charge_mission
):
    client.force_login(charge_mission)
    url = reverse("cycle:project_targets", args=[project.pk])

    alone = client.get(url).content.decode()
    within = client.get(url, HTTP_HX_REQUEST="true").content.decode()  # into the IC page

    assert '<h1 class="h4" id="echeances-title">Échéances des sous-phases</h1>' in alone
    assert '<h3 class="h6" id="echeances-title">Échéances des sous-phases</h3>' in within
