"""Two intervenants fill the same grille part from two sessions: no silent overwrite."""

import html

from django.urls import reverse

from grille.models import Grille
from tests.browserless import posted

FORM = "data-grille-form"


def part_url(project, part):
    return reverse("grille:part", kwargs={"project_pk": project.pk, "part": part})


def test_a_stale_part_save_keeps_both_changes(ic, grille, intervenant, colleague, client_of):
    first, second = client_of(intervenant), client_of(colleague)
    url = part_url(ic, 1)
    mine = posted(first.get(url).content.decode(), FORM)
    theirs = posted(second.get(url).content.decode(), FORM)
    assert first.post(url, {**mine, "roles_split": "Rôles d'Inès"}).status_code == 302

    response = second.post(url, {**theirs, "intervenant_system": "Système de Luc"})

    page = html.unescape(response.content.decode())
    assert response.status_code == 409
    assert "Rôles d'Inès" in page and "Système de Luc" in page
    assert second.post(url, posted(response.content.decode(), FORM)).status_code == 302
    saved = Grille.objects.get(pk=grille.pk)
    assert (saved.roles_split, saved.intervenant_system) == ("Rôles d'Inès", "Système de Luc")


def test_the_same_field_changed_by_both_lets_the_second_choose(
    ic, grille, intervenant, colleague, client_of
):
    first, second = client_of(intervenant), client_of(colleague)
    url = part_url(ic, 3)
    mine = posted(first.get(url).content.decode(), FORM)
    theirs = posted(second.get(url).content.decode(), FORM)
    first.post(url, {**mine, "strengths": "Forces vues par Inès"})

    response = second.post(url, {**theirs, "strengths": "Forces vues par Luc"})

    page = html.unescape(response.content.decode())
    assert "Votre saisie" in page and "Forces vues par Inès" in page
    merged = posted(response.content.decode(), FORM)
    merged["mienne-leur-strengths"] = "leur"
    assert second.post(url, merged).status_code == 302
    assert Grille.objects.get(pk=grille.pk).strengths == "Forces vues par Inès"
