"""The checklist ticked on the way: « Passer à … » carries the sub-phase's items still to
tick by hand, ticked in the same transaction as the transition."""

import pytest
from django.urls import reverse

from cycle import services
from cycle.exceptions import TransitionRefused
from cycle.models import ChecklistItem
from cycle.states import State
from tests.cycle.builders import fulfil


def items(project, phase=State.PROBLEMATIQUE):
    return {item.code: item for item in project.checklist.filter(phase=phase)}


def advance(project, user, ticks, name="advance"):
    return services.fire_from(project, name, by=user, seen_state=project.state, ticks=ticks)


def test_the_checked_items_are_ticked_with_the_transition(project, charge_mission):
    fulfil(project, State.CIBLAGE)
    chosen = items(project)
    advance(project, charge_mission, [chosen["diagnostics"].pk, chosen["sources"].pk])
    assert project.state == State.CIBLAGE
    ticked = ChecklistItem.objects.filter(project=project, done=True)
    assert {item.code for item in ticked} == {"diagnostics", "sources"}
    for item in ticked:  # the same stored fields as a tick by hand: the history reads them
        assert item.done_by == charge_mission and item.done_at is not None
        assert item.version > chosen[item.code].version


def test_a_refused_transition_ticks_nothing(project, charge_mission):
    chosen = items(project)  # no problem statement: the guard refuses
    with pytest.raises(TransitionRefused):
        advance(project, charge_mission, [chosen["diagnostics"].pk])
    assert project.state == State.PROBLEMATIQUE
    assert not ChecklistItem.objects.filter(project=project, done=True).exists()


def test_answered_already_ticked_and_other_phase_items_are_ignored(
    project, charge_mission, other_charge_mission, project_factory
):
    fulfil(project, State.CIBLAGE)
    advance(project, charge_mission, [])
    fulfil(project, State.ROLE_DLA)
    ciblage = items(project, State.CIBLAGE)
    earlier = items(project)["experience"]  # the sub-phase left: posted by hand
    elsewhere = project_factory().checklist.first()  # another IC's item
    hand = ciblage["projets-dynamique"]
    services.tick_checklist_item(hand, by=other_charge_mission, done=True, note="vu")
    stamp = ChecklistItem.objects.get(pk=hand.pk).done_at
    advance(project, charge_mission, [
        ciblage["territoire"].pk, hand.pk, earlier.pk, elsewhere.pk,
    ])
    assert project.state == State.ROLE_DLA
    assert not ChecklistItem.objects.get(pk=ciblage["territoire"].pk).done  # the app answers it
    hand.refresh_from_db()
    assert (hand.done_by, hand.done_at, hand.note) == (other_charge_mission, stamp, "vu")
    assert not ChecklistItem.objects.filter(pk__in=[earlier.pk, elsewhere.pk], done=True).exists()


def test_only_the_forward_transition_ticks(project, charge_mission):
    chosen = items(project)["diagnostics"]
    services.fire_from(project, "suspend", by=charge_mission, seen_state=project.state,
                       comment="Pause", ticks=[chosen.pk])
    chosen.refresh_from_db()
    assert project.state == State.SUSPENDED and not chosen.done


def test_a_note_already_written_is_kept(project, charge_mission):
    fulfil(project, State.CIBLAGE)
    chosen = items(project)["sources"]
    services.tick_checklist_item(chosen, by=charge_mission, done=False, note="DAT 2003")
    advance(project, charge_mission, [chosen.pk])
    chosen.refresh_from_db()
    assert chosen.done and chosen.note == "DAT 2003"


# --- the view

def post(client, project, ticks, **data):
    return client.post(reverse("cycle:project_transition", args=[project.pk]), {
        "name": "advance", "state": project.state, "comment": "", "ticks": ticks, **data,
    })


def test_the_form_offers_the_items_left_to_tick_by_hand(client, project, charge_mission):
    fulfil(project, State.CIBLAGE)
    advance(project, charge_mission, [])
    ciblage = items(project, State.CIBLAGE)
    services.tick_checklist_item(ciblage["poids"], by=charge_mission, done=True)
    client.force_login(charge_mission)
    html = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    assert "En passant à la sous-phase suivante, cochez ce qui a été fait" in html
    offered = html.split('data-testid="ticks-on-the-way"')[1].split("</fieldset>")[0]
    assert f'value="{ciblage["projets-dynamique"].pk}"' in offered
    assert f'value="{ciblage["territoire"].pk}"' not in offered  # answered by the app
    assert f'value="{ciblage["poids"].pk}"' not in offered  # already ticked
    assert "checked" not in offered


def test_the_view_ticks_and_advances(client, project, charge_mission):
    fulfil(project, State.CIBLAGE)
    chosen = items(project)
    client.force_login(charge_mission)
    response = post(client, project, [chosen["diagnostics"].pk, chosen["sources"].pk])
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == State.CIBLAGE
    assert {i.code for i in project.checklist.filter(done=True)} == {"diagnostics", "sources"}


def test_a_refusal_keeps_the_boxes_checked_and_ticks_nothing(client, project, charge_mission):
    chosen = items(project)
    client.force_login(charge_mission)
    response = post(client, project, [chosen["diagnostics"].pk, "pas-un-nombre"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Transition refusée : Rédigez la problématique." in html
    assert f'value="{chosen["diagnostics"].pk}" id="on-the-way-{chosen["diagnostics"].pk}" checked' in html
    assert f'value="{chosen["sources"].pk}" id="on-the-way-{chosen["sources"].pk}">' in html
    assert not project.checklist.filter(done=True).exists()


def test_a_reader_cannot_tick_on_the_way(client, project, charge_mission, c2ra_staff):
    fulfil(project, State.CIBLAGE)
    chosen = items(project)["diagnostics"]
    client.force_login(c2ra_staff)
    assert post(client, project, [chosen.pk]).status_code == 404
    chosen.refresh_from_db()
    project.refresh_from_db()
    assert not chosen.done and project.state == State.PROBLEMATIQUE
