"""Two people edit the same thing from two sessions: nobody's saved work is silently lost.

Each edit path: both open the page, one saves, the other's stale save is refused with
their input kept and, field by field, what the first one saved; re-submitting the page
as drawn keeps both changes (the fields the second user did not touch take the first
user's values), and a field both changed takes the value the second user chose.
"""

import pytest
from django.test import Client
from django.urls import reverse

from cycle.models import Committee, Objective, Project, ProjectPrestataire, ProjectStructure
from cycle.vocabulary import CommitteeKind, NeedKind, ObjectiveKind
from directory.models import BeneficiaryStructure, Intervenant, Partner, Prestataire
from directory.vocabulary import LegalForm, PartnerKind
from tests.browserless import posted

FORM = "project-form"


def page(client, url, form=FORM):
    return posted(client.get(url).content.decode(), form)


@pytest.fixture
def two(charge_mission, project):
    Project.objects.filter(pk=project.pk).update(need_kind=NeedKind.SIMILAR)  # the form requires it
    first, second = Client(), Client()
    first.force_login(charge_mission)
    second.force_login(charge_mission)
    return first, second


def test_ic_edit_keeps_the_other_users_change_to_another_field(two, project):
    first, second = two
    url = reverse("cycle:project_update", args=[project.pk])
    mine, theirs = page(first, url), page(second, url)
    assert first.post(url, {**mine, "title": "Titre du premier"}).status_code == 302

    response = second.post(url, {**theirs, "problem_statement": "Problème du second"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "Titre du premier" in html and "Problème du second" in html  # theirs shown, mine kept
    assert "Repris de l'enregistrement de l'autre personne" in html
    # Saving again the page as drawn: both changes stand, nothing reverted.
    assert second.post(url, posted(html, FORM)).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.problem_statement) == ("Titre du premier", "Problème du second")


@pytest.mark.parametrize("choice", ["mienne", "leur"])
def test_ic_edit_of_the_same_field_lets_the_user_choose(two, project, choice):
    first, second = two
    url = reverse("cycle:project_update", args=[project.pk])
    mine, theirs = page(first, url), page(second, url)
    first.post(url, {**mine, "title": "Titre du premier"})

    response = second.post(url, {**theirs, "title": "Titre du second"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "Votre saisie" in html and "Titre du premier" in html and "Titre du second" in html
    assert Project.objects.get(pk=project.pk).title == "Titre du premier"
    merged = posted(html, FORM)
    merged["mienne-leur-title"] = choice
    assert second.post(url, merged).status_code == 302
    expected = {"mienne": "Titre du second", "leur": "Titre du premier"}[choice]
    assert Project.objects.get(pk=project.pk).title == expected


def test_checklist_tick_from_a_stale_page_does_not_overwrite_the_other_tick(two, project):
    first, second = two
    item = project.checklist.filter(phase=project.state).order_by("position").first()
    url = reverse("cycle:checklist_tick", args=[project.pk, item.pk])
    detail = reverse("cycle:project_detail", args=[project.pk])
    mine, theirs = page(first, detail, url), page(second, detail, url)
    hx = {"HTTP_HX_REQUEST": "true"}
    assert first.post(url, {**mine, "done": "on", "note": "Vu avec le DLA"}, **hx).status_code == 200

    response = second.post(url, {**theirs, "note": "Note du second"}, **hx)  # unticked, stale

    html = response.content.decode()
    item.refresh_from_db()
    assert (item.done, item.note) == (True, "Vu avec le DLA")  # the first tick stands
    assert "Note du second" in html and "Vu avec le DLA" in html
    # The second user keeps their note, takes the tick they did not touch: both stand.
    assert f'name="done" value="on" id="done-{item.pk}" checked' in html
    assert second.post(url, posted(html, url), **hx).status_code == 200
    item.refresh_from_db()
    assert (item.done, item.note) == (True, "Note du second")


def test_checklist_tick_without_htmx_says_what_was_not_saved(two, project):
    first, second = two
    item = project.checklist.filter(phase=project.state).order_by("position").first()
    url = reverse("cycle:checklist_tick", args=[project.pk, item.pk])
    detail = reverse("cycle:project_detail", args=[project.pk])
    mine, theirs = page(first, detail, url), page(second, detail, url)
    first.post(url, {**mine, "done": "on", "note": "Vu avec le DLA"})

    response = second.post(url, {**theirs, "note": "Note du second"}, follow=True)

    html = response.content.decode()
    assert "Note du second" in html and "n&#x27;a pas été enregistrée" in html
    item.refresh_from_db()
    assert (item.done, item.note) == (True, "Vu avec le DLA")


HX = {"HTTP_HX_REQUEST": "true"}


def section(project, name):
    return reverse(f"cycle:project_{name}", args=[project.pk])


def test_participation_move_from_a_stale_page_is_refused_and_kept(two, project):
    first, second = two
    structure = BeneficiaryStructure.objects.create(
        name="Jardins de Cocagne", legal_form=LegalForm.ASSOCIATION, sector_id="environnement",
        departement_id="59",
    )
    participation = ProjectStructure.objects.create(project=project, structure=structure)
    url, prefix = section(project, "structures"), f"p{participation.pk}"
    move = f"evolution-{participation.pk}"  # the row's move form (its consent has another)
    mine, theirs = page(first, url, move), page(second, url, move)
    assert mine[f"{prefix}-version"] == str(participation.version)
    first.post(url, {**mine, f"{prefix}-status": "contactee"}, **HX)

    response = second.post(url, {
        **theirs, f"{prefix}-status": "retiree", f"{prefix}-reason": "Fusion",
    }, **HX)

    html = response.content.decode()
    participation.refresh_from_db()
    assert participation.status == "contactee"  # the first move stands
    assert "elle est maintenant « Contactée »" in html and 'value="Fusion"' in html
    # Re-submitting from the refreshed section applies the kept choice, deliberately.
    again = posted(html, move)
    assert again[f"{prefix}-version"] == str(participation.version)
    second.post(url, again, **HX)
    participation.refresh_from_db()
    assert (participation.status, participation.withdrawal_reason) == ("retiree", "Fusion")


def test_committee_opinion_from_a_stale_form_is_merged_not_overwritten(two, project):
    first, second = two
    Committee.objects.create(project=project, kind=CommitteeKind.APPUI)
    url = section(project, "committees")
    form_url = f"{url}?formulaire=avis"
    mine, theirs = page(first, form_url, "formulaire-avis"), page(second, form_url, "formulaire-avis")
    first.post(url, {**mine, "avis-opinion": "Avis favorable", "avis-opinion_on": "2005-01-20"}, **HX)

    response = second.post(url, {**theirs, "avis-opinion": "Avis réservé"}, **HX)

    html = response.content.decode()
    committee = Committee.objects.get(project=project)
    assert (committee.opinion, str(committee.opinion_on)) == ("Avis favorable", "2005-01-20")
    assert "Avis favorable" in html and "Avis réservé" in html
    merged = posted(html, "formulaire-avis")
    merged["mienne-leur-avis-opinion"] = "mienne"
    second.post(url, merged, **HX)
    committee.refresh_from_db()
    # Their date (untouched here) is kept, my opinion chosen over theirs.
    assert (committee.opinion, str(committee.opinion_on)) == ("Avis réservé", "2005-01-20")


def test_intervenants_from_a_stale_page_are_refused_and_kept(two, project):
    first, second = two
    firm = Prestataire.objects.create(name="Cabinet Alpha")
    ines = Intervenant.objects.create(prestataire=firm, first_name="Inès", last_name="Alpha")
    jean = Intervenant.objects.create(prestataire=firm, first_name="Jean", last_name="Beta")
    assignment = ProjectPrestataire.objects.create(project=project, prestataire=firm)
    url, form = section(project, "prestataires"), f"intervenants-{assignment.pk}"
    mine, theirs = page(first, url, form), page(second, url, form)
    first.post(url, {**mine, "intervenants": [ines.pk]}, **HX)

    response = second.post(url, {**theirs, "intervenants": [jean.pk]}, **HX)

    html = response.content.decode()
    assert list(assignment.intervenants.all()) == [ines]
    assert "changé les intervenants entre-temps : Inès Alpha" in html
    assert f'value="{jean.pk}" id="a{assignment.pk}-i{jean.pk}" checked' in html
    second.post(url, posted(html, form), **HX)
    assert list(assignment.intervenants.all()) == [jean]


@pytest.mark.parametrize("model", ["project", "checklistitem", "partner"])
def test_the_admin_refuses_a_stale_change_in_french(admin_user, project, model):
    obj, app, field = {
        "project": (project, "cycle", "title"),
        "checklistitem": (project.checklist.first(), "cycle", "note"),
        "partner": (Partner.objects.create(name="DDTEFP", kind=PartnerKind.STATE), "directory", "name"),
    }[model]
    first, second = Client(), Client()
    first.force_login(admin_user)
    second.force_login(admin_user)
    url = reverse(f"admin:{app}_{model}_change", args=[obj.pk])
    mine, theirs = page(first, url, f"{model}_form"), page(second, url, f"{model}_form")
    assert first.post(url, {**mine, field: "Par le premier"}).status_code == 302

    response = second.post(url, {**theirs, field: "Par le second"})

    assert response.status_code == 200
    assert "Quelqu&#x27;un d&#x27;autre a enregistré cette fiche" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == "Par le premier"


def test_a_directory_entry_edited_twice_keeps_both_changes(two, project):
    first, second = two
    structure = BeneficiaryStructure.objects.create(
        name="Jardins de Cocagne", legal_form=LegalForm.ASSOCIATION, sector_id="environnement",
        departement_id="59",
    )
    url = reverse("directory:structure_update", args=[structure.pk])
    mine, theirs = page(first, url, "novalidate"), page(second, url, "novalidate")
    assert first.post(url, {**mine, "employees": "12"}).status_code == 302

    response = second.post(url, {**theirs, "aided_jobs": "3"})

    html = response.content.decode()
    assert response.status_code == 409 and "Repris de l'enregistrement" in html
    structure.refresh_from_db()
    assert (structure.employees, structure.aided_jobs) == (12, None)
    assert second.post(url, posted(html, "novalidate")).status_code == 302
    structure.refresh_from_db()
    assert (structure.employees, structure.aided_jobs) == (12, 3)


def test_ic_edit_keeps_the_other_users_change_to_an_objective_row(two, project):
    first, second = two
    objective = Objective.objects.create(
        project=project, kind=ObjectiveKind.OPERATIONAL, text="Analyser les postes", position=1
    )
    url = reverse("cycle:project_update", args=[project.pk])
    mine, theirs = page(first, url), page(second, url)
    assert mine["objectifs-0-text"] == "Analyser les postes"
    assert first.post(url, {**mine, "objectifs-0-text": "Analyser puis pérenniser"}).status_code == 302

    response = second.post(url, {**theirs, "title": "Titre du second"})

    html = response.content.decode()
    assert response.status_code == 409 and "Analyser puis pérenniser" in html
    assert second.post(url, posted(html, FORM)).status_code == 302
    objective.refresh_from_db()
    assert objective.text == "Analyser puis pérenniser"
    assert Project.objects.get(pk=project.pk).title == "Titre du second"
