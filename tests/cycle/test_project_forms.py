"""Create and edit an IC: the fiche technique, formsets, no lost work on conflict or error."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cycle import services
from cycle.models import BudgetTranche, Objective, Project
from cycle.states import State
from cycle.vocabulary import ObjectiveKind
from directory.vocabulary import PartnerKind
from tests.cycle.builders import fulfil


def formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def form_data(dla, **overrides):
    data = {
        "structure_count": "plusieurs",
        "need_kind": "semblable",
        "ic_type": "",
        "title": "Pérenniser des emplois « environnement »",
        "pilots": [str(dla.pk)],
        "referent": str(dla.pk),
        "problem_origin": "diagnostics",
        "problem_statement": "Des emplois jeunes à pérenniser",
        "problem_sources": "Diagnostics DLA 2003",
        "territorial_scale": "departemental",
        "departements": ["59"],
        "sectors": ["environnement"],
        "strategic_objective": "Pérenniser les emplois",
        "launched_on": "2004-09-15",
        **formset("objectifs", [
            {"kind": "operationnel", "text": "Analyser les postes"},
            {"kind": "evaluation", "text": "Emplois maintenus"},
        ]),
        **formset("budget", [
            {"label": "Intervention", "amount": "14 800,50", "days": "15"},
        ]),
    }
    data.update(overrides)
    return data


def test_create_with_the_fiche_technique_proposes_the_type(client, charge_mission, dla):
    client.force_login(charge_mission)
    response = client.post(reverse("cycle:project_create"), form_data(dla))

    project = Project.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cycle:project_detail", args=[project.pk])
    assert (project.need_kind, project.ic_type) == ("semblable", "reponse_collective")
    assert project.created_by == charge_mission
    assert list(project.pilotages.values_list("organisation", "is_referent")) == [(dla.pk, True)]
    assert list(project.departements.values_list("code", flat=True)) == ["59"]
    assert Objective.objects.filter(project=project).count() == 2
    tranche = BudgetTranche.objects.get(project=project)
    assert (tranche.amount, tranche.days) == (Decimal("14800.50"), Decimal("15"))
    assert project.checklist.count() > 12 and project.transition_logs.count() == 1
    # The creation already satisfies the first guard: the IC may advance.
    services.advance(project, by=charge_mission)


def test_common_need_proposes_a_shared_solution_and_the_user_may_override(
    client, charge_mission, dla
):
    client.force_login(charge_mission)
    client.post(reverse("cycle:project_create"), form_data(dla, need_kind="commun"))
    client.post(reverse("cycle:project_create"), form_data(
        dla, need_kind="commun", ic_type="reponse_collective", title="Choix forcé"
    ))
    assert Project.objects.get(title__startswith="Pérenniser").ic_type == "solution_partagee"
    assert Project.objects.get(title="Choix forcé").ic_type == "reponse_collective"


@pytest.mark.parametrize(
    "overrides",
    [{"need_kind": "specifique"}, {"structure_count": "une", "need_kind": "specifique"}],
)
def test_a_specific_need_is_an_individual_engineering(client, charge_mission, dla, overrides):
    client.force_login(charge_mission)
    response = client.post(reverse("cycle:project_create"), form_data(dla, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert "relève d&#x27;une ingénierie individuelle (II)" in html
    assert "Des emplois jeunes à pérenniser" in html  # kept
    assert not Project.objects.exists()


def test_validation_errors_keep_everything_typed(client, charge_mission, dla):
    client.force_login(charge_mission)
    data = form_data(dla, title="", **formset("budget", [
        {"label": "Tranche trop précise", "amount": "100,123", "days": "2"},
    ]))
    response = client.post(reverse("cycle:project_create"), data)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Ce champ est obligatoire." in html
    assert "Assurez-vous qu’il n’y a pas plus de 2 chiffres après la virgule." in html or (
        "pas plus de 2 chiffres après la virgule" in html
    )
    for typed in ("Des emplois jeunes à pérenniser", "Diagnostics DLA 2003", "Analyser les postes",
                  "Tranche trop précise", "100,123", "Pérenniser les emplois"):
        assert typed in html, typed
    assert 'value="59" selected' in html
    assert not Project.objects.exists()


def test_only_pilots_may_create(client, c2ra_staff, dla):
    client.force_login(c2ra_staff)
    assert client.get(reverse("cycle:project_create")).status_code == 403
    assert client.post(reverse("cycle:project_create"), form_data(dla)).status_code == 403


def edit_data(project, dla, **overrides):
    return form_data(
        dla, version=str(project.version),
        **formset("objectifs", [], initial=0), **formset("budget", [], initial=0),
        **overrides,
    )


def test_edit_saves_and_shows_in_the_history(client, project, charge_mission, dla):
    client.force_login(charge_mission)
    url = reverse("cycle:project_update", args=[project.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()

    response = client.post(url, edit_data(project, dla, title="Nouveau titre"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.version) == ("Nouveau titre", 2)
    url = reverse("cycle:project_detail", args=[project.pk])
    html = client.get(url, {"onglet": "historique"}).content.decode()
    assert "Modifié :" in html and "intitulé" in html


def test_edit_with_a_stale_version_is_refused_and_keeps_the_input(
    client, project, charge_mission, dla
):
    client.force_login(charge_mission)
    url = reverse("cycle:project_update", args=[project.pk])
    stale = edit_data(project, dla, title="Ma version")
    client.post(url, edit_data(project, dla, title="Version d'un collègue"))  # saved first

    response = client.post(url, stale)

    html = response.content.decode()
    assert response.status_code == 409
    assert "Quelqu&#x27;un d&#x27;autre a enregistré cette ingénierie collective" in html
    assert 'value="Ma version"' in html
    project.refresh_from_db()
    assert project.title == "Version d'un collègue" and project.version == 2
    # The kept form now carries the current version: a deliberate second save applies it.
    assert 'name="version" value="2"' in html
    assert client.post(url, {**stale, "version": "2"}).status_code == 302
    project.refresh_from_db()
    assert project.title == "Ma version"


def test_a_concurrent_state_change_is_a_conflict_too(project, charge_mission):
    mine = Project.objects.get(pk=project.pk)
    fulfil(project, State.CIBLAGE)
    services.advance(Project.objects.get(pk=project.pk), by=charge_mission)

    mine.title = "Saisie pendant la transition"
    with pytest.raises(services.EditConflict):
        services.update_project(mine, by=charge_mission, version=mine.version)
    project.refresh_from_db()
    # The transition's save moved the version (every save does); the refused edit did not.
    assert project.title != "Saisie pendant la transition" and project.version == 2
    assert project.state == State.CIBLAGE


def test_a_pilot_cannot_remove_his_own_organisation(client, project, charge_mission, dla, c2ra):
    client.force_login(charge_mission)
    url = reverse("cycle:project_update", args=[project.pk])
    response = client.post(url, edit_data(project, dla, pilots=[str(c2ra.pk)], referent=str(c2ra.pk)))
    assert "Votre DLA ou C2RA doit rester parmi les pilotes" in response.content.decode()


def test_edit_pilots_and_referent(client, project, charge_mission, dla, c2ra):
    client.force_login(charge_mission)
    url = reverse("cycle:project_update", args=[project.pk])
    response = client.post(
        url, edit_data(project, dla, pilots=[str(dla.pk), str(c2ra.pk)], referent=str(c2ra.pk))
    )
    assert response.status_code == 302
    assert sorted(project.pilotages.values_list("organisation", "is_referent")) == sorted(
        [(dla.pk, False), (c2ra.pk, True)]
    )


def test_c2ra_may_not_edit(client, project, c2ra_staff, dla):
    client.force_login(c2ra_staff)
    url = reverse("cycle:project_update", args=[project.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, edit_data(project, dla, title="Non")).status_code == 404


def test_edit_form_query_count_does_not_grow_with_tranches(
    client, project_factory, charge_mission, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.models import Partner

    funder = Partner.objects.create(name="Conseil régional", kind=PartnerKind.REGION)
    small, large = project_factory(title="Petite"), project_factory(title="Grande")
    for project, n in ((small, 2), (large, 20)):
        for i in range(n):
            tranche = BudgetTranche.objects.create(
                project=project, label=f"Tranche {i}", amount=Decimal("1000.00"), days=Decimal("2")
            )
            tranche.funders.add(funder)
            Objective.objects.create(project=project, kind=ObjectiveKind.OPERATIONAL, text=f"Objectif {i}")
    client.force_login(charge_mission)
    client.get(reverse("cycle:project_update", args=[small.pk]))  # the process's one-time reads
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("cycle:project_update", args=[small.pk]))
    with django_assert_num_queries(len(queries)):
        response = client.get(reverse("cycle:project_update", args=[large.pk]))
    assert 'value="1000,00"' in response.content.decode()
