"""The project page: who sees what, the cycle's buttons, the checklist in place, query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cycle import services
from cycle.models import (
    ChecklistItem,
    Project,
)
from cycle.states import State
from cycle.vocabulary import PartnerRole
from directory.vocabulary import LegalForm, PartnerKind
from tests.conftest import make_user
from tests.cycle.builders import fulfil
from tests.cycle.factories import (
    ParticipationFactory,
    ProjectPartnerFactory,
    ProjectPrestataireFactory,
)
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    IntervenantFactory,
    PartnerFactory,
    PrestataireFactory,
)
from workflows.models import TransitionLog


@pytest.fixture
def firm(project):
    firm = PrestataireFactory(name="Cabinet Alpha")
    ProjectPrestataireFactory(project=project, prestataire=firm)
    return firm


@pytest.fixture
def intervenant(firm):
    user = make_user("interv", Role.INTERVENANT)
    IntervenantFactory(prestataire=firm, first_name="Inès", last_name="Alpha", user=user)
    return user


HTMX = {"HTTP_HX_REQUEST": "true"}
TABS = ["presentation", "objectifs", "budget", "acteurs", "comites", "capitalisation", "historique"]


def page(client, project, tab=None, **headers):
    """The page (with ``tab`` open), or that tab alone when asked with htmx headers."""
    url = reverse("cycle:project_detail", args=[project.pk])
    return client.get(url, {"onglet": tab} if tab else {}, **headers)


def test_pilot_sees_the_cycle_the_checklist_and_the_buttons(client, project, charge_mission):
    client.force_login(charge_mission)
    response = page(client, project)
    html = response.content.decode()

    assert response.status_code == 200
    assert '<svg role="img"' in html and "<title id=\"cycle-title\">" in html
    assert "Sous-phase 1 sur 12 : Cerner une problématique" in html
    assert "S&#x27;appuyer sur les diagnostics des DLA" in html
    assert reverse("cycle:checklist_tick", args=[project.pk, project.checklist.first().pk]) in html
    assert "Passer à « Cibler les structures bénéficiaires »" in html
    assert "Rédigez la problématique." in html  # what the advance still lacks
    assert reverse("cycle:project_update", args=[project.pk]) in html
    actors = page(client, project, "acteurs", **HTMX).content.decode()
    assert reverse("cycle:project_partners", args=[project.pk]) in actors


def test_the_first_paint_shows_one_tab_and_loads_the_others_when_opened(
    client, project, charge_mission
):
    services.tick_checklist_item(project.checklist.first(), by=charge_mission, done=True, note="")
    client.force_login(charge_mission)
    url = reverse("cycle:project_detail", args=[project.pk])
    html = page(client, project).content.decode()
    assert "Fiche technique" in html and 'id="timeline"' not in html
    for tab in TABS[1:]:  # a link without JavaScript, htmx on opening with it
        assert f'href="{url}?onglet={tab}#onglets"' in html
        assert f'hx-get="{url}?onglet={tab}" hx-trigger="shown.bs.tab from:#tab-{tab} once"' in html
    assert "Afficher l'onglet « Historique »" in html

    alone = page(client, project, "historique", **HTMX)
    assert "<html" not in alone.text and 'id="timeline"' in alone.text
    assert "Coché : S&#x27;appuyer sur les diagnostics des DLA" in alone.text
    assert "HX-Request" in alone["Vary"]
    # Without JavaScript: the whole page, with that tab open and the others loadable.
    full = page(client, project, "historique").text
    assert "<html" in full and 'id="timeline"' in full and "Fiche technique" not in full
    assert 'class="tab-pane fade show active" id="pane-historique"' in full
    assert f'hx-get="{url}?onglet=presentation"' in full


@pytest.mark.parametrize(("tab", "shown"), [
    ("presentation", "Fiche technique"),
    ("objectifs", "Objectifs opérationnels"),
    ("budget", "Tranche"),
    ("acteurs", "Structures bénéficiaires"),
    ("comites", "Aucun comité constitué."),
    ("capitalisation", "Capitalisation"),
    ("historique", "Création de l&#x27;IC"),
])
def test_each_tab_opens_alone_in_french_for_readers(client, project, c2ra_staff, tab, shown):
    client.force_login(c2ra_staff)
    response = page(client, project, tab, **HTMX)
    assert response.status_code == 200 and "<html" not in response.text
    assert shown in response.text and "hx-post" not in response.text


def test_an_unknown_tab_shows_the_presentation(client, project, charge_mission):
    client.force_login(charge_mission)
    html = page(client, project, "inconnu").text
    assert 'class="tab-pane fade show active" id="pane-presentation"' in html


def test_cycle_picture_marks_done_current_and_to_come(client, project, charge_mission):
    fulfil(project, State.CIBLAGE)
    services.advance(project, by=charge_mission)
    client.force_login(charge_mission)
    html = page(client, project).content.decode()
    assert html.count('data-status="done"') == 1
    assert html.count('data-status="current"') == 1
    assert html.count('data-status="todo"') == 10


def test_suspended_and_abandoned_are_drawn(client, project, charge_mission):
    client.force_login(charge_mission)
    services.suspend(project, by=charge_mission, reason="Attente du financement")
    html = page(client, project).content.decode()
    assert 'data-status="suspended"' in html and "Suspendue en « Cerner une problématique »" in html
    assert "Attente du financement" in html

    project.refresh_from_db()
    services.abandon(project, by=charge_mission, reason="Financement refusé")
    html = page(client, project).content.decode()
    assert 'data-status="abandoned"' in html and "Abandonnée en « Cerner une problématique »" in html


def _read_only(html, project):
    assert reverse("cycle:project_transition", args=[project.pk]) not in html
    assert "hx-post" not in html
    assert 'name="action"' not in html
    assert reverse("cycle:project_update", args=[project.pk]) not in html
    assert "Consultation seule" in html


def test_c2ra_of_the_region_reads_only(client, project, c2ra_staff):
    client.force_login(c2ra_staff)
    response = page(client, project)
    assert response.status_code == 200
    _read_only(response.content.decode(), project)


def test_assigned_intervenant_reads_only(client, project, intervenant):
    client.force_login(intervenant)
    response = page(client, project)
    assert response.status_code == 200
    _read_only(response.content.decode(), project)


def test_another_dla_gets_404(client, project, other_charge_mission):
    client.force_login(other_charge_mission)
    assert page(client, project).status_code == 404
    response = client.post(
        reverse("cycle:project_transition", args=[project.pk]),
        {"name": "abandon", "state": project.state, "comment": "pour voir"},
    )
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.state == State.PROBLEMATIQUE


def fire(client, project, name, state=None, comment=""):
    return client.post(
        reverse("cycle:project_transition", args=[project.pk]),
        {"name": name, "state": state or project.state, "comment": comment},
        follow=True,
    )


def test_refused_advance_says_what_is_missing_in_french(client, project, charge_mission):
    client.force_login(charge_mission)
    response = fire(client, project, "advance")
    html = response.content.decode()
    assert "Transition refusée : Rédigez la problématique. Indiquez les sources" in html
    project.refresh_from_db()
    assert project.state == State.PROBLEMATIQUE


def test_allowed_advance_moves_the_state_and_logs_it(client, project, charge_mission):
    fulfil(project, State.CIBLAGE)
    client.force_login(charge_mission)
    response = fire(client, project, "advance", comment="Problématique validée")
    assert "L&#x27;IC est passée en « Cibler les structures bénéficiaires »" in response.content.decode()
    project.refresh_from_db()
    assert project.state == State.CIBLAGE
    log = project.transition_logs.latest("pk")
    assert (log.transition, log.by, log.comment) == ("advance", charge_mission, "Problématique validée")


def test_double_click_fires_once(client, project, charge_mission):
    fulfil(project, State.CIBLAGE)
    client.force_login(charge_mission)
    seen = project.state
    fire(client, project, "advance", state=seen)
    logs = TransitionLog.objects.count()

    response = fire(client, project, "advance", state=seen)  # the second click, same page

    assert "vient d&#x27;être modifiée par quelqu&#x27;un d&#x27;autre" in response.content.decode()
    assert TransitionLog.objects.count() == logs
    project.refresh_from_db()
    assert project.state == State.CIBLAGE


def test_reason_is_required_to_abandon(client, project, charge_mission):
    client.force_login(charge_mission)
    response = fire(client, project, "abandon", comment="  ")
    assert "Transition refusée : Indiquez un motif." in response.content.decode()
    project.refresh_from_db()
    assert project.state == State.PROBLEMATIQUE


def test_checklist_tick_in_place_records_who(client, project, charge_mission):
    item = project.checklist.filter(phase=State.PROBLEMATIQUE).order_by("position").first()
    client.force_login(charge_mission)

    response = client.post(
        reverse("cycle:checklist_tick", args=[project.pk, item.pk]),
        {"done": "on", "note": "Trois diagnostics DLA concordants"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("<li") and "<html" not in html
    assert f'id="checklist-item-{item.pk}"' in html and "Enregistré." in html
    item.refresh_from_db()
    assert item.done and item.done_by == charge_mission and item.done_at
    assert item.note == "Trois diagnostics DLA concordants"
    timeline = page(client, project, "historique").content.decode()
    assert "Coché : S&#x27;appuyer sur les diagnostics des DLA" in timeline


def test_checklist_item_of_another_project_is_404(client, project_factory, charge_mission):
    mine, other = project_factory(), project_factory(title="Autre")
    item = other.checklist.first()
    client.force_login(charge_mission)
    response = client.post(reverse("cycle:checklist_tick", args=[mine.pk, item.pk]), {"done": "on"})
    assert response.status_code == 404


def test_c2ra_cannot_tick(client, project, c2ra_staff):
    item = project.checklist.first()
    client.force_login(c2ra_staff)
    response = client.post(reverse("cycle:checklist_tick", args=[project.pk, item.pk]), {"done": "on"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert not item.done


def post_urls(project):
    item = project.checklist.first()
    return [
        reverse("cycle:project_create"),
        reverse("cycle:project_update", args=[project.pk]),
        reverse("cycle:project_transition", args=[project.pk]),
        reverse("cycle:checklist_tick", args=[project.pk, item.pk]),
        *(
            reverse(f"cycle:project_{section}", args=[project.pk])
            for section in ("partners", "structures", "prestataires", "committees",
                            "capitalisation")
        ),
    ]


def test_every_post_view_refuses_a_post_without_csrf_token(project, charge_mission):
    client = Client(enforce_csrf_checks=True)
    client.force_login(charge_mission)
    for url in post_urls(project):
        response = client.post(url, {"name": "advance", "state": project.state, "done": "on",
                                     "action": "add"})
        assert response.status_code == 403, url
    assert Project.objects.count() == 1
    assert not ChecklistItem.objects.filter(done=True).exists()


def _counts():
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


def test_no_get_writes(client, project, charge_mission):
    client.force_login(charge_mission)
    before = _counts()
    for url in [reverse("cycle:project_detail", args=[project.pk]), *post_urls(project)]:
        client.get(url)
    assert _counts() == before


def populate(project, user, n):
    """n structures, partners, transition logs, ticks and field edits."""
    for i in range(n):
        structure = BeneficiaryStructureFactory(
            name=f"Asso {project.pk}-{i}", legal_form=LegalForm.ASSOCIATION,
            sector_id="environnement", departement_id="59",
        )
        ParticipationFactory(project=project, structure=structure)
        partner = PartnerFactory(name=f"Partenaire {project.pk}-{i}", kind=PartnerKind.NETWORK)
        ProjectPartnerFactory(project=project, partner=partner, role=PartnerRole.NETWORK)
        TransitionLog.objects.create(
            subject=project, transition="advance", source=State.PROBLEMATIQUE,
            target=State.CIBLAGE, by=user, at=timezone.now(), comment=f"étape {i}",
        )
        project.title = f"{project.title[:150]} {i}"
        project.save()
    for item in project.checklist.filter(phase=State.PROBLEMATIQUE)[:n]:
        services.tick_checklist_item(item, by=user, done=True, note="ok")


@pytest.mark.parametrize("tab", [None, *TABS])
@pytest.mark.parametrize("viewer", ["charge_mission", "c2ra_staff"])
def test_query_count_does_not_grow_with_actors_and_logs(
    client, project_factory, charge_mission, django_assert_num_queries, request, viewer, tab
):
    small, large = project_factory(title="Petite"), project_factory(title="Grande")
    populate(small, charge_mission, 2)
    populate(large, charge_mission, 20)
    client.force_login(request.getfixturevalue(viewer))
    page(client, small, tab)  # the first request after a login refreshes the session

    with CaptureQueriesContext(connection) as small_queries:
        assert page(client, small, tab).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        assert page(client, large, tab).status_code == 200
    # The first paint reads only its open tab: far fewer than all the page's sections. The
    # history is the activity feed: one or two queries per source (cycle.timeline).
    cap = {None: 12, "presentation": 12, "historique": 20}.get(tab, 15)
    assert len(small_queries) <= cap
