"""Checklist items a fact of the IC answers: ticked by the app while it holds the fact,
never by hand, counted with the others (issue 21)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycle import checklists, selectors, services
from cycle.checklists import ANSWERS, CHECKLISTS
from cycle.models import ChecklistItem, Committee, Project
from cycle.states import State
from cycle.vocabulary import CommitteeKind, ObjectiveKind, ParticipationStatus, TerritorialScale
from grille.models import Grille, GrilleStatus
from tests.cycle.factories import (
    BudgetTrancheFactory,
    CapitalisationItemFactory,
    CommitteeFactory,
    ObjectiveFactory,
    ParticipationFactory,
    ProjectPartnerFactory,
    ProjectPrestataireFactory,
)
from tests.cycle.test_project_page import populate
from tests.grille.factories import GrilleFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def _update(project, **fields):
    Project.objects.filter(pk=project.pk).update(**fields)


def _field(name, value, empty=""):
    return (lambda p: _update(p, **{name: value}), lambda p: _update(p, **{name: empty}))


def _rows(create, manager):
    return (create, lambda p: getattr(p, manager).all().delete())


def _territory(project):
    _update(project, territorial_scale=TerritorialScale.DEPARTEMENTAL)
    project.departements.add("59")


def _contacted(project):
    ParticipationFactory(project=project, status=ParticipationStatus.CONTACTED)
    ParticipationFactory(
        project=project, status=ParticipationStatus.WITHDREW, withdrawal_reason="Pas le temps"
    )


def _two_committed(project):
    for _ in range(2):
        ParticipationFactory(project=project, status=ParticipationStatus.COMMITTED)


def _one_withdraws(project):
    first = project.participations.order_by("pk").first()
    project.participations.filter(pk=first.pk).update(
        status=ParticipationStatus.WITHDREW, withdrawal_reason="Pas le temps"
    )


def _opinion(project, **opinion):
    Committee.objects.update_or_create(project=project, kind=CommitteeKind.APPUI, defaults=opinion)


def _items(project):
    CapitalisationItemFactory(project=project, title="Guide")
    CapitalisationItemFactory(project=project, title="Outil")


def _item_field(name, empty):
    def unmake(project):
        item = project.capitalisation_items.order_by("pk").last()
        project.capitalisation_items.filter(pk=item.pk).update(**{name: empty})
    return (_items, unmake)


# For each answered item: how to give the IC its fact, and how to take it away.
FACTS = {
    (State.CIBLAGE, "territoire"): (_territory, lambda p: p.departements.clear()),
    (State.CIBLAGE, "secteurs"): (
        lambda p: p.sectors.add("environnement"), lambda p: p.sectors.clear()
    ),
    (State.DYNAMIQUE, "reseau"): _rows(
        lambda p: ProjectPartnerFactory(project=p), "partnerships"
    ),
    (State.OBJECTIFS, "strategique"): _field("strategic_objective", "Pérenniser les emplois"),
    (State.OBJECTIFS, "operationnels"): _rows(
        lambda p: ObjectiveFactory(project=p, kind=ObjectiveKind.OPERATIONAL), "objectives"
    ),
    (State.OBJECTIFS, "evaluation"): _rows(
        lambda p: ObjectiveFactory(project=p, kind=ObjectiveKind.EVALUATION), "objectives"
    ),
    (State.VALIDATION, "avis-comite"): (
        lambda p: _opinion(p, opinion="Favorable"), lambda p: p.committees.update(opinion=""),
    ),
    (State.VALIDATION, "budget"): _rows(
        lambda p: BudgetTrancheFactory(project=p), "budget_tranches"
    ),
    (State.MOBILISATION, "contacter"): (
        _contacted, lambda p: ParticipationFactory(project=p)  # one more, not yet contacted
    ),
    (State.MOBILISATION, "groupes"): (_two_committed, _one_withdraws),
    (State.PROJET, "formaliser"): _field("intervention_project", "Quatre rencontres"),
    (State.MODALITES, "cahier-des-charges"): _field(
        "specification_issued_on", datetime.date(2005, 3, 1), None
    ),
    (State.MODALITES, "choisir"): _rows(
        lambda p: ProjectPrestataireFactory(project=p), "assignments"
    ),
    (State.EVALUATION, "collecter"): (  # registered by the grille
        lambda p: GrilleFactory(project=p, status=GrilleStatus.SUBMITTED),
        lambda p: Grille.objects.filter(project=p).delete(),
    ),
    (State.EVALUATION, "synthese"): _field("evaluation_summary", "Compétences renforcées"),
    (State.CAPITALISATION, "nature"): _rows(_items, "capitalisation_items"),
    (State.CAPITALISATION, "avis-comite"): (
        lambda p: _opinion(p, capitalisation_opinion="Favorable"),
        lambda p: p.committees.update(capitalisation_opinion=""),
    ),
    (State.CAPITALISATION, "transferable"): _rows(_items, "capitalisation_items"),
    (State.CAPITALISATION, "destinataires"): _item_field("target_audiences", "  "),
    (State.CAPITALISATION, "responsables"): _item_field("responsible", ""),
}


def test_every_answered_item_names_an_item_of_the_checklist():
    for phase, code in ANSWERS:
        assert code in dict(CHECKLISTS[phase]), (phase, code)


def test_every_answered_item_has_its_fact_made_and_unmade_here():
    assert set(FACTS) == set(ANSWERS)


def test_an_answer_cannot_be_registered_for_an_unknown_item():
    with pytest.raises(ValueError):
        checklists.register_answer(State.CIBLAGE, "inconnu", ANSWERS[State.CIBLAGE, "secteurs"])


def shown_item(project, phase, code, *, page=True):
    """The item as the page shows it (the IC loaded with its page's data), or as a plain
    IC answers it (each fact queried)."""
    projects = Project.objects.with_page_data() if page else Project.objects
    loaded = projects.get(pk=project.pk)
    items = selectors.checklist_data(loaded)["checklist"]
    return next(item for item in items if item.code == code)


@pytest.mark.parametrize("key", list(ANSWERS), ids=lambda key: f"{key[0]}-{key[1]}")
def test_an_answered_item_follows_its_fact(project, key):
    phase, code = key
    make, unmake = FACTS[key]
    _update(project, state=phase)
    for page in (True, False):
        assert not shown_item(project, phase, code, page=page).ticked

    make(project)
    for page in (True, False):
        item = shown_item(project, phase, code, page=page)
        assert item.ticked and item.answer is ANSWERS[key]
    assert checklists.progress([item]) == (1, 1)

    unmake(project)
    for page in (True, False):
        assert not shown_item(project, phase, code, page=page).ticked


def test_a_stored_tick_is_kept_but_the_display_follows_the_fact(project, charge_mission):
    _update(project, state=State.VALIDATION)
    # ticked by hand before the item was answered by the app
    ChecklistItem.objects.filter(project=project, code="budget").update(
        done=True, done_by=charge_mission
    )
    assert not shown_item(project, State.VALIDATION, "budget").ticked
    BudgetTrancheFactory(project=project)
    assert shown_item(project, State.VALIDATION, "budget").ticked
    assert ChecklistItem.objects.get(project=project, code="budget").done


def test_progress_counts_answered_and_hand_ticked_items_alike(project, charge_mission):
    _update(project, state=State.VALIDATION, strategic_objective="x")
    CommitteeFactory(project=project, opinion="Favorable")
    porteuse = project.checklist.get(phase=State.VALIDATION, code="structure-porteuse")
    services.tick_checklist_item(porteuse, by=charge_mission, done=True)
    data = selectors.checklist_data(Project.objects.with_page_data().get(pk=project.pk))
    assert (data["checklist_done"], data["checklist_total"]) == (2, 3)


# --- the page and the views


def item_row(project, phase, code):
    return project.checklist.get(phase=phase, code=code)


def test_the_page_shows_an_answered_item_done_with_why_and_a_link(client, project, charge_mission):
    _update(project, state=State.VALIDATION)
    CommitteeFactory(project=project, opinion="Favorable")
    client.force_login(charge_mission)
    html = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    item = item_row(project, State.VALIDATION, "avis-comite")
    li = html.split(f'id="checklist-item-{item.pk}"')[1].split("</li>")[0]
    assert 'data-done="1"' in li and "Fait" in li
    assert "avis du comité d&#x27;appui enregistré" in li
    url = reverse("cycle:project_detail", args=[project.pk])
    assert f'href="{url}?onglet=comites#comites"' in li
    assert 'type="checkbox"' not in li  # never ticked by hand
    budget = item_row(project, State.VALIDATION, "budget")
    li = html.split(f'id="checklist-item-{budget.pk}"')[1].split("</li>")[0]
    assert 'data-done="0"' in li and "Se coche seul dès que" in li
    assert "1/3 faits" in html


@pytest.mark.parametrize("htmx", [True, False])
def test_a_hand_tick_of_an_answered_item_is_refused_in_french(
    client, project, charge_mission, htmx
):
    _update(project, state=State.VALIDATION)
    item = item_row(project, State.VALIDATION, "budget")
    client.force_login(charge_mission)
    response = client.post(
        reverse("cycle:checklist_tick", args=[project.pk, item.pk]),
        {"done": "on", "note": "fait", "version": item.version}, **(HTMX if htmx else {}),
        follow=not htmx,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "« Bâtir le budget d&#x27;intervention » se coche seul" in html
    assert "ic-changed" not in response.headers.get("HX-Trigger", "")
    item.refresh_from_db()
    assert not item.done and item.note == ""


def test_the_service_refuses_it_too(project, charge_mission):
    item = item_row(project, State.VALIDATION, "budget")
    with pytest.raises(services.ChecklistAnswered):
        services.tick_checklist_item(item, by=charge_mission, done=True)


def test_hand_ticked_items_still_tick(client, project, charge_mission):
    _update(project, state=State.VALIDATION)
    item = item_row(project, State.VALIDATION, "structure-porteuse")
    client.force_login(charge_mission)
    response = client.post(
        reverse("cycle:checklist_tick", args=[project.pk, item.pk]),
        {"done": "on", "note": "vu", "version": item.version}, **HTMX,
    )
    assert "Enregistré." in response.content.decode()
    item.refresh_from_db()
    assert item.done and item.done_by == charge_mission


def test_readers_cannot_tick_an_answered_item(client, project, c2ra_staff):
    item = item_row(project, State.VALIDATION, "budget")
    client.force_login(c2ra_staff)
    response = client.post(
        reverse("cycle:checklist_tick", args=[project.pk, item.pk]), {"done": "on"}
    )
    assert response.status_code == 404


def test_the_checklist_alone_follows_the_facts(client, project, c2ra_staff):
    _update(project, state=State.VALIDATION)
    client.force_login(c2ra_staff)
    url = reverse("cycle:project_checklist", args=[project.pk])
    html = client.get(url, **HTMX).content.decode()
    assert "<html" not in html and "0/3 faits" in html
    BudgetTrancheFactory(project=project)
    html = client.get(url, **HTMX).content.decode()
    assert "1/3 faits" in html and "budget d&#x27;intervention saisi" in html
    # the page's checklist listens for inline saves, picking the answered items only
    page = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    avis, budget = (item_row(project, State.VALIDATION, code).pk
                    for code in ("avis-comite", "budget"))
    assert (f'hx-get="{url}" hx-trigger="ic-changed from:body" hx-swap="none" '
            f'hx-select-oob="#checklist-progress,#checklist-item-{avis},'
            f'#checklist-item-{budget}"') in page


# --- query counts: the answered items read the flags loaded with the IC


def _page_queries(client, project):
    url = reverse("cycle:project_detail", args=[project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("phase", list(CHECKLISTS))
def test_answered_items_cost_no_query(project, phase, django_assert_num_queries):
    for make, _unmake in FACTS.values():
        make(project)
    _update(project, state=phase)
    loaded = Project.objects.with_page_data().get(pk=project.pk)
    with django_assert_num_queries(1):  # the phase's rows; the facts are the IC's flags
        selectors.checklist_data(loaded)


@pytest.mark.parametrize("phase", [State.VALIDATION, State.MOBILISATION, State.CAPITALISATION])
def test_the_page_query_count_does_not_grow_with_the_facts(
    client, project_factory, charge_mission, phase
):
    client.force_login(charge_mission)
    small, large = project_factory(title="Petite"), project_factory(title="Grande")
    populate(small, charge_mission, 1)
    populate(large, charge_mission, 12)
    for ic, n in ((small, 1), (large, 8)):
        CapitalisationItemFactory.create_batch(n, project=ic)
        _update(ic, state=phase)
    assert _page_queries(client, small) == _page_queries(client, large)


def test_the_checklist_alone_reads_a_constant_number_of_queries(
    client, project_factory, charge_mission
):
    client.force_login(charge_mission)
    counts = []
    for n in (1, 12):
        ic = project_factory(title=f"IC {n}")
        populate(ic, charge_mission, n)
        CapitalisationItemFactory.create_batch(n, project=ic)
        _update(ic, state=State.CAPITALISATION)
        url = reverse("cycle:project_checklist", args=[ic.pk])
        client.get(url, **HTMX)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, **HTMX)
        counts.append(len(queries))
    assert counts[0] == counts[1]
