"""Two people edit the same thing from two sessions: nobody's saved work is silently lost.

Each edit path: both open the page, one saves, the other's stale save is refused with
their input kept and, field by field, what the first one saved; re-submitting the page
as drawn keeps both changes (the fields the second user did not touch take the first
user's values), and a field both changed takes the value the second user chose.
"""

import pytest
from django.test import Client
from django.urls import reverse

from cycle.models import Project
from tests.browserless import posted

FORM = "project-form"


def page(client, url, form=FORM):
    return posted(client.get(url).content.decode(), form)


@pytest.fixture
def two(charge_mission, project):
    Project.objects.filter(pk=project.pk).update(need_kind="semblable")  # the form requires it
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
