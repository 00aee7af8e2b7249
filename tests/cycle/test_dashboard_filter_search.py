"""The dashboard's long DLA and prestataire filters: a search field past a threshold
instead of 1,500 <option>s (issue 20), with and without JavaScript."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from cycle import filters
from cycle.filters import NO_MATCH, SEARCH_CAP, narrowed
from cycle.models import ProjectPrestataire
from directory.models import Prestataire
from tests.conftest import make_user
from tests.cycle.datasets import intervenant_of, known_set
from tests.cycle.factories import ProjectFactory

HOME = reverse("cycle:home")


def options_url(name):
    return reverse("cycle:filter_options", args=[name])


@pytest.fixture
def data(charge_mission, other_charge_mission, c2ra_staff):
    return known_set(
        charge_mission=charge_mission,
        other_charge_mission=other_charge_mission,
        c2ra_staff=c2ra_staff,
    )


@pytest.fixture
def long_lists(monkeypatch):
    """Every list past the threshold: the known set's few entries stand for 1,500."""
    monkeypatch.setattr(filters, "SEARCH_THRESHOLD", 0)


def listed(response):
    """The labels of the <option>s an answer or a page's select holds."""
    return [label for _, label in response.context["options"]]


def select_labels(response, name):
    return [str(label) for _, label in response.context["filterset"].form.fields[name].widget.choices]


# --- matching (no database)

ENTRIES = [(1, "Coopérative Élan"), (2, "Cabinet Alpha"), (3, "ŒUVRE sociale"), (4, "Élan vital")]


def test_matching_ignores_accents_and_case_and_needs_every_word():
    assert narrowed(ENTRIES, query="ELAN") == [(1, "Coopérative Élan"), (4, "Élan vital")]
    assert narrowed(ENTRIES, query="cooperative elan") == [(1, "Coopérative Élan")]
    assert narrowed(ENTRIES, query="oeuvre") == [(3, "ŒUVRE sociale")]


def test_the_chosen_entry_is_kept_first_whatever_the_search():
    assert narrowed(ENTRIES, chosen="2", query="elan") == [
        (2, "Cabinet Alpha"), (1, "Coopérative Élan"), (4, "Élan vital")
    ]
    assert narrowed(ENTRIES, chosen="2") == [(2, "Cabinet Alpha")]
    assert narrowed(ENTRIES, chosen="99") == []  # not the user's: not listed


def test_no_match_is_said_and_an_empty_search_lists_nothing():
    assert narrowed(ENTRIES, query="zzz") == [(NO_MATCH, "Aucun résultat")]
    assert narrowed(ENTRIES, query="  ") == []


def test_matches_are_capped():
    many = [(pk, f"Cabinet {pk}") for pk in range(1, 200)]
    assert len(narrowed(many, query="cabinet")) == SEARCH_CAP
    assert len(narrowed(many, chosen="150", query="cabinet")) == SEARCH_CAP + 1


# --- the dashboard's page

def test_below_the_threshold_the_full_select_and_no_search_field(client, data, charge_mission):
    client.force_login(charge_mission)
    response = client.get(HOME)
    page = response.content.decode()
    assert select_labels(response, "prestataire") == ["Tous", "Cabinet Alpha"]
    assert 'name="prestataire_q"' not in page and 'name="organisation_q"' not in page


def test_past_the_threshold_only_the_chosen_entry_and_a_search_field(
    client, data, admin_user, long_lists
):
    client.force_login(admin_user)
    response = client.get(HOME, {"prestataire": data["beta"].pk})
    page = response.content.decode()
    assert select_labels(response, "prestataire") == ["Tous", "Cabinet Beta"]
    assert select_labels(response, "organisation") == ["Tous"]
    assert response.context["figures"].ic_count == 1  # the filter still applies
    url = options_url("prestataire")
    assert (
        '<label class="visually-hidden" for="id_prestataire-recherche">'
        "Chercher un prestataire…</label>"
    ) in page
    for attribute in (
        'name="prestataire_q"', 'aria-controls="id_prestataire"', f'hx-get="{url}"',
        'hx-trigger="input changed delay:250ms, search"', 'hx-target="#id_prestataire"',
        'hx-swap="innerHTML"', 'hx-include="#id_prestataire"', 'placeholder="Chercher…"',
        'aria-describedby="id_prestataire-aide"',
        "La liste « Prestataire » qui suit propose les résultats, 50 au plus.",
    ):
        assert attribute in page, attribute


def test_without_javascript_the_search_is_submitted_with_the_form(
    client, data, admin_user, long_lists
):
    client.force_login(admin_user)
    response = client.get(HOME, {"prestataire_q": "cabinet BETA"})
    assert select_labels(response, "prestataire") == ["Tous", "Cabinet Beta"]
    assert 'value="cabinet BETA"' in response.content.decode()
    assert response.context["figures"].ic_count == 4  # searching is not filtering

    response = client.get(HOME, {"prestataire_q": "inconnu"})
    assert '<option value="aucun-resultat" disabled>Aucun résultat</option>' in (
        response.content.decode()
    )


def test_a_forged_choice_outside_the_scope_is_refused_in_french(
    client, data, charge_mission, other_dla, long_lists
):
    client.force_login(charge_mission)
    for value in (other_dla.pk, NO_MATCH):
        response = client.get(HOME, {"organisation": value, "organisation_q": "gironde"})
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in response.content.decode()
        assert response.context["figures"].ic_count == 2  # his DLA's, not the other's
        assert select_labels(response, "organisation") == ["Tous", "Aucun résultat"]


def test_the_page_costs_no_more_queries_past_the_threshold(
    client, data, admin_user, monkeypatch
):
    client.force_login(admin_user)
    client.get(HOME)  # the session's first expiry push; the lists are cached
    with CaptureQueriesContext(connection) as full:
        client.get(HOME, {"prestataire": data["beta"].pk})
    monkeypatch.setattr(filters, "SEARCH_THRESHOLD", 0)
    with CaptureQueriesContext(connection) as searched:
        client.get(HOME, {"prestataire": data["beta"].pk, "prestataire_q": "cab"})
    assert len(searched) == len(full)


# --- the endpoint the search field calls as one types

def test_the_endpoint_lists_the_matches_the_chosen_one_kept(client, data, admin_user):
    client.force_login(admin_user)
    response = client.get(options_url("prestataire"), {"prestataire_q": "cabinet alpha"})
    assert response.status_code == 200
    assert listed(response) == ["Tous", "Cabinet Alpha"]

    beta = data["beta"].pk
    response = client.get(options_url("prestataire"), {"prestataire_q": "alpha", "prestataire": beta})
    assert listed(response) == ["Tous", "Cabinet Beta", "Cabinet Alpha"]
    assert f'<option value="{beta}" selected>Cabinet Beta</option>' in response.content.decode()

    response = client.get(options_url("organisation"), {"organisation_q": "zzz"})
    assert response.content.decode().split("\n")[:2] == [
        '<option value="">Tous</option>',
        f'<option value="{NO_MATCH}" disabled>Aucun résultat</option>',
    ]


def test_a_charges_endpoint_never_lists_an_entry_outside_his_ics(
    client, data, charge_mission, other_dla
):
    client.force_login(charge_mission)
    assert listed(client.get(options_url("organisation"), {"organisation_q": "dla"})) == [
        "Tous", "DLA du Nord"
    ]
    forged = client.get(options_url("organisation"), {"organisation": other_dla.pk, "organisation_q": "x"})
    assert "DLA de la Gironde" not in forged.content.decode()
    assert listed(client.get(options_url("prestataire"), {"prestataire_q": "cabinet"})) == [
        "Tous", "Cabinet Alpha"
    ]


def test_an_intervenant_lists_the_firms_of_his_ics_only(client, data):
    intervenant = intervenant_of(data["alpha"], "interv", make_user)
    client.force_login(intervenant)
    assert listed(client.get(options_url("prestataire"), {"prestataire_q": "cabinet"})) == [
        "Tous", "Cabinet Alpha"
    ]


def test_a_structures_representative_gets_an_empty_list(client, data):
    client.force_login(make_user("asso", Role.STRUCTURE))
    response = client.get(options_url("organisation"), {"organisation_q": "dla"})
    assert response.status_code == 200
    assert listed(response) == ["Tous"]


def test_the_endpoint_refuses_unknown_names_posts_and_strangers(client, data, admin_user):
    assert client.get(options_url("prestataire")).status_code == 302  # to the sign-in page
    client.force_login(admin_user)
    assert client.get(options_url("region")).status_code == 404
    assert client.post(options_url("prestataire")).status_code == 405


# Session and user (2), the list's freshness check (1); the list itself once, when a link
# was added or removed, as for the dashboard's select.
OPTIONS_QUERIES = 3


def test_the_endpoint_costs_the_same_queries_for_many_entries(client, data, admin_user):
    client.force_login(admin_user)
    client.get(HOME)  # the session's first expiry push; the lists are cached
    with CaptureQueriesContext(connection) as few:
        client.get(options_url("prestataire"), {"prestataire_q": "cab"})
    project = ProjectFactory(by=admin_user, title="IC aux nombreux prestataires")
    ProjectPrestataire.objects.bulk_create(
        ProjectPrestataire(project=project, prestataire=firm)
        for firm in Prestataire.objects.bulk_create(
            Prestataire(name=f"Cabinet {n}") for n in range(80)
        )
    )
    with CaptureQueriesContext(connection) as cold:
        client.get(options_url("prestataire"), {"prestataire_q": "cab"})
    with CaptureQueriesContext(connection) as many:
        response = client.get(options_url("prestataire"), {"prestataire_q": "cab"})
    assert len(listed(response)) == 1 + SEARCH_CAP
    assert len(few) == len(many) == OPTIONS_QUERIES
    assert len(cold) == OPTIONS_QUERIES + 1
