"""Answering a questionnaire: the representative for their own structure in the app, a
pilot « par téléphone »; French numbers, errors beside the field, never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse

from followup.models import Questionnaire
from followup.vocabulary import Channel

pytestmark = pytest.mark.django_db

FILLED = {
    "jobs_fte": "3,5", "permanent_contracts": "2", "annual_budget": "125 000 €",
    "result": "-1 500", "own_funds": "20000", "volunteers": "12", "partnerships": "4",
    "outcome_in_use": "en_partie", "comment": "Un poste pérennisé.",
}


def _q(world, key, year=0):
    return Questionnaire.objects.get(participation=world.participations[key], year=year)


def _url(q):
    return reverse("followup:answer", args=[q.pk])


def test_the_representative_answers_their_n_questionnaire_in_the_app(client, closed):
    q = _q(closed, "a")
    client.force_login(closed.users["structure"])
    response = client.post(_url(q), {**FILLED, "version": q.version})
    assert response.status_code == 302
    assert response.url == reverse("cycle:structure_space", args=[closed.project.pk])
    q.refresh_from_db()
    assert q.answers["jobs_fte"] == "3.5"
    assert q.answers["annual_budget"] == "125000"
    assert q.answers["result"] == "-1500"
    assert q.answers["permanent_contracts"] == 2
    assert q.answers["outcome_in_use"] == "en_partie"
    assert (q.channel, q.answered_by) == (Channel.APP, closed.users["structure"])


def test_the_representative_never_reaches_another_structure(client, closed):
    client.force_login(closed.users["structure"])
    other = _q(closed, "b")
    assert client.get(_url(other)).status_code == 404
    assert client.post(_url(other), FILLED).status_code == 404
    other.refresh_from_db()
    assert not other.answered


def test_the_space_lists_only_the_own_structure(client, closed):
    client.force_login(closed.users["structure"])
    page = client.get(reverse("cycle:structure_space", args=[closed.project.pk]))
    html = page.content.decode()
    assert 'data-testid="followup-section"' in html
    assert _url(_q(closed, "a")) in html
    assert _url(_q(closed, "b")) not in html


def test_a_pilot_enters_the_answers_given_on_the_phone(client, closed):
    q = _q(closed, "b")
    client.force_login(closed.users["cm"])
    page = client.get(_url(q)).content.decode()
    assert "téléphone" in page
    assert client.post(_url(q), FILLED).status_code == 302
    q.refresh_from_db()
    assert (q.channel, q.answered_by) == (Channel.PHONE, closed.users["cm"])
    listing = client.get(reverse("followup:project", args=[closed.project.pk])).content.decode()
    assert "par téléphone" in listing


def test_the_c2ra_reads_but_never_answers(client, closed):
    q = _q(closed, "a")
    client.force_login(closed.users["c2ra"])
    assert client.get(_url(q)).status_code == 200
    assert client.post(_url(q), FILLED).status_code == 403


def test_a_future_questionnaire_waits_for_its_year(client, closed):
    q = _q(closed, "a", year=1)
    client.force_login(closed.users["structure"])
    page = client.get(_url(q))
    assert "pas encore ouvert" in page.content.decode()
    assert client.post(_url(q), FILLED).status_code == 403


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("jobs_fte", "trois", "Saisissez un nombre, par exemple 3,5."),
        ("jobs_fte", "-2", "Saisissez un nombre positif ou nul."),
        ("jobs_fte", "1,234", "Au plus 2 chiffre(s) après la virgule."),
        ("permanent_contracts", "2,5", "Saisissez un nombre entier, par exemple 12."),
        ("annual_budget", "9" * 30, "Ce nombre est trop grand."),
        ("outcome_in_use", "peut-être", "Choisissez l&#x27;une des réponses proposées."),
    ],
)
def test_bad_input_is_told_beside_the_field_and_kept(client, closed, field, typed, message):
    q = _q(closed, "a")
    client.force_login(closed.users["structure"])
    response = client.post(_url(q), {**FILLED, field: typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if field != "outcome_in_use":
        assert f'value="{typed}"' in html
    q.refresh_from_db()
    assert not q.answered


def test_an_empty_questionnaire_is_refused(client, closed):
    q = _q(closed, "a")
    client.force_login(closed.users["structure"])
    response = client.post(_url(q), {})
    assert "Répondez à au moins une question." in response.content.decode()


def test_prefilled_with_the_structures_last_answers(client, closed, monkeypatch):
    first = _q(closed, "a")
    client.force_login(closed.users["structure"])
    client.post(_url(first), FILLED)
    following = _q(closed, "a", year=1)
    monkeypatch.setattr("agenda.selectors.today", lambda: following.due_on + timedelta(days=1))
    html = client.get(_url(following)).content.decode()
    assert 'value="3,5"' in html
    assert 'value="125000"' in html
    assert "Un poste pérennisé." not in html  # the comment is the year's own


def test_someone_saved_meanwhile_keeps_the_typing_and_says_so(client, closed):
    q = _q(closed, "a")
    stale = q.version
    client.force_login(closed.users["cm"])
    client.post(_url(q), {**FILLED, "version": stale})
    client.force_login(closed.users["structure"])
    response = client.post(_url(q), {**FILLED, "jobs_fte": "4", "version": stale})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quelqu&#x27;un a enregistré ce questionnaire" in html
    assert 'value="4"' in html
    q.refresh_from_db()
    assert q.channel == Channel.PHONE  # the pilot's answers stand until saved again
