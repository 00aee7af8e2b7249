"""The IC form's objectives and tranches: numbered by their place (never typed), any number
of rows in one submission, a funder missing from the directory typed in place."""

from decimal import Decimal

from django.urls import reverse

from cycle import services
from cycle.forms import BudgetTrancheForm
from cycle.models import BudgetTranche, Objective, Project, ProjectPartner
from cycle.vocabulary import ObjectiveKind, PartnerRole
from directory.models import Partner
from directory.vocabulary import PartnerKind
from tests.cycle.test_project_forms import edit_data, form_data, formset

EVALUATION, OPERATIONAL = ObjectiveKind.EVALUATION, ObjectiveKind.OPERATIONAL


def objective(project, kind, text, position=0):
    return Objective.objects.create(project=project, kind=kind, text=text, position=position)


def tranche(project, label, position=0):
    return BudgetTranche.objects.create(
        project=project, label=label, amount=Decimal("1000"), days=Decimal("2"),
        position=position,
    )


# --- the services


def test_rows_are_numbered_from_one_in_the_order_given_within_each_kind(project):
    rows = [
        objective(project, OPERATIONAL, "B", 7), objective(project, EVALUATION, "E", 0),
        objective(project, OPERATIONAL, "A", 7), objective(project, EVALUATION, "F", 0),
    ]
    services.number_rows(rows, group=lambda row: row.kind)

    saved = Objective.objects.filter(project=project)  # ordered by kind, then position
    assert [(o.kind, o.position, o.text) for o in saved] == [
        (EVALUATION, 1, "E"), (EVALUATION, 2, "F"), (OPERATIONAL, 1, "B"), (OPERATIONAL, 2, "A"),
    ]


def test_numbering_saves_only_the_rows_that_move(project):
    first, second = tranche(project, "Un", 1), tranche(project, "Deux", 5)
    services.number_rows([first, second])
    second.refresh_from_db()
    assert second.position == 2
    assert (first.history.count(), second.history.count()) == (1, 2)


def test_a_new_funder_is_created_once_as_a_funder_partner_of_the_ic(project):
    first, second = tranche(project, "Un"), tranche(project, "Deux")
    fields = {"name": "Fondation du Limousin", "kind": PartnerKind.FUNDER}

    created = services.add_new_funders(project, requests=[
        (first, fields), (second, {**fields, "name": "fondation  du limousin"}),
    ])

    partner = Partner.objects.get()
    assert created == [partner] and partner.kind == PartnerKind.FUNDER
    assert list(first.funders.all()) == [partner] == list(second.funders.all())
    assert list(ProjectPartner.objects.values_list("project", "partner", "role")) == [
        (project.pk, partner.pk, PartnerRole.FUNDER)
    ]


# --- the form


def five_objectives_two_tranches(dla, **overrides):
    return {**form_data(dla), **formset("objectifs", [
        {"kind": EVALUATION, "text": "Évaluation 1"},
        {"kind": OPERATIONAL, "text": "Opérationnel 1"},
        {"kind": EVALUATION, "text": "Évaluation 2"},
        {"kind": OPERATIONAL, "text": "Opérationnel 2"},
        {"kind": OPERATIONAL, "text": "Opérationnel 3"},
        {"kind": "", "text": ""},  # a blank row, left as is
    ]), **formset("budget", [
        {"label": "Diagnostic", "amount": "6 000", "days": "6"},
        {"label": "Accompagnement", "amount": "14 800,50", "days": "15",
         "new_funder_name": "Fondation Émergence", "new_funder_kind": PartnerKind.FUNDER},
    ]), **overrides}


def test_one_submission_creates_five_objectives_two_tranches_and_a_new_funder(
    client, charge_mission, dla
):
    client.force_login(charge_mission)
    response = client.post(reverse("cycle:project_create"), five_objectives_two_tranches(dla))

    assert response.status_code == 302
    project = Project.objects.get()
    assert [(o.kind, o.position, o.text) for o in project.objectives.all()] == [
        (EVALUATION, 1, "Évaluation 1"), (EVALUATION, 2, "Évaluation 2"),
        (OPERATIONAL, 1, "Opérationnel 1"), (OPERATIONAL, 2, "Opérationnel 2"),
        (OPERATIONAL, 3, "Opérationnel 3"),
    ]
    tranches = list(project.budget_tranches.all())
    assert [(t.position, t.label) for t in tranches] == [(1, "Diagnostic"), (2, "Accompagnement")]
    funder = Partner.objects.get(name="Fondation Émergence")
    assert list(tranches[1].funders.all()) == [funder] and not tranches[0].funders.exists()
    assert project.partnerships.get().role == PartnerRole.FUNDER


def test_the_rows_follow_the_order_the_page_gives(client, charge_mission, dla, project):
    first, second = objective(project, OPERATIONAL, "Premier", 1), objective(
        project, OPERATIONAL, "Second", 2
    )
    client.force_login(charge_mission)
    data = {**edit_data(project, dla), **formset("objectifs", [
        {"id": str(first.pk), "kind": OPERATIONAL, "text": "Premier", "ORDER": "3"},
        {"id": str(second.pk), "kind": OPERATIONAL, "text": "Second", "ORDER": "1"},
        {"kind": OPERATIONAL, "text": "Nouveau", "ORDER": "2"},
        {"kind": "", "text": "", "ORDER": "4"},  # numbered by the script, still blank
    ], initial=2)}

    response = client.post(reverse("cycle:project_update", args=[project.pk]), data)

    assert response.status_code == 302
    assert [(o.position, o.text) for o in project.objectives.all()] == [
        (1, "Second"), (2, "Nouveau"), (3, "Premier"),
    ]


def test_a_removed_row_leaves_the_others_numbered_without_a_gap(
    client, charge_mission, dla, project
):
    rows = [tranche(project, label, n) for n, label in enumerate(("Un", "Deux", "Trois"), 1)]
    client.force_login(charge_mission)
    data = {**edit_data(project, dla), **formset("budget", [
        {"id": str(row.pk), "label": row.label, "amount": "1 000", "days": "2"} for row in rows
    ], initial=3)}
    data["budget-0-DELETE"] = "on"

    client.post(reverse("cycle:project_update", args=[project.pk]), data)

    assert [(t.position, t.label) for t in project.budget_tranches.all()] == [
        (1, "Deux"), (2, "Trois"),
    ]


def test_the_form_offers_add_move_and_remove_buttons_and_no_order_to_type(
    client, charge_mission
):
    client.force_login(charge_mission)
    html = client.get(reverse("cycle:project_create")).content.decode()

    assert "Ajouter un objectif" in html and "Ajouter une tranche" in html
    assert 'data-empty-row="objectifs"' in html and "objectifs-__prefix__-text" in html
    assert "js/formset-rows.js" in html and "Nouveau financeur" in html
    assert "-position" not in html and 'type="hidden" name="objectifs-0-ORDER"' in html


def test_a_new_funder_without_its_kind_keeps_the_input_and_creates_nothing(
    client, charge_mission, dla
):
    client.force_login(charge_mission)
    data = five_objectives_two_tranches(dla, **{"budget-1-new_funder_kind": ""})

    response = client.post(reverse("cycle:project_create"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez le type du nouveau financeur." in html
    assert 'value="Fondation Émergence"' in html and "Opérationnel 3" in html
    assert not Project.objects.exists() and not Partner.objects.exists()


def test_a_new_funder_refused_elsewhere_in_the_form_is_not_created(client, charge_mission, dla):
    client.force_login(charge_mission)
    response = client.post(
        reverse("cycle:project_create"), five_objectives_two_tranches(dla, title="")
    )
    assert response.status_code == 200 and "Ce champ est obligatoire." in response.content.decode()
    assert not Partner.objects.exists() and not Objective.objects.exists()


def test_a_new_funder_near_an_existing_name_asks_for_a_confirmation(
    client, charge_mission, dla
):
    Partner.objects.create(name="Fondation Emergence", kind=PartnerKind.FUNDER)
    client.force_login(charge_mission)
    url = reverse("cycle:project_create")

    response = client.post(url, five_objectives_two_tranches(dla))

    html = response.content.decode()
    assert response.status_code == 200 and "un nom proche existe déjà" in html
    assert 'name="budget-1-new_funder_confirm"' in html
    assert Partner.objects.count() == 1
    data = five_objectives_two_tranches(dla, **{"budget-1-new_funder_confirm": "on"})
    assert client.post(url, data).status_code == 302
    assert Partner.objects.count() == 2


def test_only_directory_editors_are_offered_a_funder_in_place():
    # Every IC editor today edits the directory too (chargés de mission, admins): the form
    # still asks, so that a future editor without the directory cannot write it from here.
    assert "new_funder_name" not in BudgetTrancheForm().fields
    assert "new_funder_name" in BudgetTrancheForm(may_add_funder=True).fields


def test_a_row_deleted_meanwhile_is_said_beside_the_row_not_a_500(
    client, charge_mission, dla, project
):
    gone = objective(project, OPERATIONAL, "Supprimé par un collègue", 1)
    client.force_login(charge_mission)
    data = {**edit_data(project, dla), **formset("objectifs", [
        {"id": str(gone.pk), "kind": OPERATIONAL, "text": "Ma correction", "ORDER": "x"},
    ], initial=1)}
    gone.delete()

    response = client.post(reverse("cycle:project_update", args=[project.pk]), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cette ligne n&#x27;existe plus : rechargez la page." in html
    assert "Saisissez un nombre entier." in html and "Ma correction" in html


def test_the_funders_of_several_tranches_change_in_one_save(client, charge_mission, dla, project):
    kept, dropped, added = (
        Partner.objects.create(name=name, kind=PartnerKind.FUNDER)
        for name in ("Région", "Fondation A", "Fondation B")
    )
    rows = [tranche(project, "Un", 1), tranche(project, "Deux", 2)]
    rows[0].funders.set([kept, dropped])
    client.force_login(charge_mission)
    data = {**edit_data(project, dla), **formset("budget", [
        {"id": str(rows[0].pk), "label": "Un", "amount": "1 000", "days": "2",
         "funders": [str(kept.pk)]},
        {"id": str(rows[1].pk), "label": "Deux", "amount": "1 000", "days": "2",
         "funders": [str(kept.pk), str(added.pk)]},
        {"label": "Trois", "amount": "10", "days": "1", "funders": [str(added.pk)]},
    ], initial=2)}

    assert client.post(reverse("cycle:project_update", args=[project.pk]), data).status_code == 302
    assert [sorted(p.name for p in t.funders.all()) for t in project.budget_tranches.all()] == [
        ["Région"], ["Fondation B", "Région"], ["Fondation B"],
    ]
