"""The dashboard: who sees which ICs, each filter, the key figures, constant queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycle.models import ProjectPrestataire
from cycle.selectors import key_figures, visible_projects, with_dashboard_figures
from cycle.templatetags.formatting import days, euros
from directory.models import Prestataire
from tests.conftest import make_user
from tests.cycle.datasets import intervenant_of, known_set, many_ics

HOME = reverse("cycle:home")


@pytest.fixture
def data(charge_mission, other_charge_mission, c2ra_staff):
    return known_set(
        charge_mission=charge_mission,
        other_charge_mission=other_charge_mission,
        c2ra_staff=c2ra_staff,
    )


def titles(response):
    if response.context["view"] == "table":
        return {p.title for p in response.context["projects"]}
    return {p.title for column in response.context["columns"] for p in column.cards}


def names(data, *keys):
    return {data[key].title for key in keys}


@pytest.mark.parametrize("view", ["board", "table"])
def test_each_role_sees_its_ics(
    client, data, view, charge_mission, other_charge_mission, c2ra_staff, admin_user
):
    intervenant = intervenant_of(data["alpha"], "interv", make_user)
    expected = {
        charge_mission: ("A", "B"),  # his DLA's
        other_charge_mission: ("C",),
        c2ra_staff: ("A", "B", "D"),  # piloted from région 32
        intervenant: ("B",),  # his firm is assigned to B only
        admin_user: ("A", "B", "C", "D"),
    }
    for user, keys in expected.items():
        client.force_login(user)
        response = client.get(HOME, {"view": view})
        assert response.status_code == 200
        assert titles(response) == names(data, *keys), user.username


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"organisation": "dla"}, ("A", "B")),
        ({"organisation": "c2ra"}, ("D",)),
        ({"region": "75"}, ("C",)),
        ({"region": "32"}, ("A", "B", "D")),
        ({"stage": "engager"}, ("B",)),
        ({"stage": "confirmer"}, ("C",)),
        ({"stage": "cloturee"}, ("D",)),
        ({"ic_type": "solution_partagee"}, ("C", "D")),
        ({"sector": "environnement"}, ("A", "D")),
        ({"sector": "insertion"}, ("C",)),
        ({"year": "2005"}, ("B",)),
        ({"prestataire": "beta"}, ("D",)),
        ({"q": "recycleries"}, ("B",)),  # title
        ({"q": "Ressourceries"}, ("B",)),  # a partner's name
        ({"q": "jardin flandres"}, ("A",)),  # a structure's name, both words
        ({"q": "structure 1"}, ("A", "D")),  # S1 takes part in A and D
        ({"stage": "identifier", "ic_type": "solution_partagee"}, ()),
    ],
)
def test_each_filter_narrows(client, data, admin_user, dla, c2ra, params, expected):
    samples = {"dla": dla.pk, "c2ra": c2ra.pk, "beta": data["beta"].pk}
    query = {key: samples.get(value, value) for key, value in params.items()}
    client.force_login(admin_user)
    for view in ("board", "table"):
        response = client.get(HOME, {**query, "view": view})
        assert titles(response) == names(data, *expected), (query, view)


def test_filters_only_offer_what_the_user_may_see(client, data, charge_mission):
    client.force_login(charge_mission)
    form = client.get(HOME).context["filterset"].form
    assert [str(o) for o in form.fields["organisation"].queryset] == ["DLA du Nord"]
    assert [str(p) for p in form.fields["prestataire"].queryset] == ["Cabinet Alpha"]


def test_key_figures_are_exact(client, data, admin_user):
    client.force_login(admin_user)
    figures = client.get(HOME).context["figures"]

    assert figures.ic_count == 4
    assert [(column.key, count) for column, count in figures.per_column] == [
        ("identifier", 1), ("engager", 1), ("confirmer", 1), ("finaliser", 0),
        ("cloturee", 1), ("suspendue", 0), ("abandonnee", 0),
    ]
    assert figures.structures_reached == 7  # S1 and S2 counted once; S3 only identified
    assert figures.budget_amount == Decimal("70026.32")
    assert figures.budget_days == Decimal("69.5")
    assert figures.cost_per_structure == Decimal("10003.76")
    assert figures.cost_per_day == Decimal("1007.57")


def test_key_figures_follow_the_filters(client, data, charge_mission):
    client.force_login(charge_mission)
    figures = client.get(HOME, {"ic_type": "reponse_collective"}).context["figures"]
    assert figures.ic_count == 2
    assert figures.structures_reached == 3  # S1, S2, S4
    assert figures.budget_amount == Decimal("26102.00")
    assert figures.budget_days == Decimal("24.5")
    assert figures.cost_per_structure == Decimal("8700.67")


def test_key_figures_of_an_empty_set_have_no_average(db, charge_mission):
    figures = key_figures(visible_projects(charge_mission))
    assert (figures.ic_count, figures.budget_amount, figures.cost_per_structure) == (
        0, Decimal("0"), None,
    )


def test_rows_are_annotated_without_multiplying(data, admin_user):
    rows = {p.title: p for p in with_dashboard_figures(visible_projects(admin_user))}
    c = rows[data["C"].title]
    assert (c.budget_amount, c.budget_days, c.structures_committed) == (
        Decimal("20100.00"), Decimal("21.0"), 3,
    )
    a = rows[data["A"].title]
    assert (a.structures_committed, a.structures_targeted, a.referent_name) == (
        2, 3, "DLA du Nord",
    )


def test_page_shows_french_amounts(client, data, admin_user):
    client.force_login(admin_user)
    response = client.get(HOME)
    assert euros(Decimal("70026.32")) == "70\u202f026,32\u00a0€"
    assert days(Decimal("69.5")) == "69,5\u00a0j"
    assert euros(Decimal("70026.32")) in response.content.decode()
    assert "69,5\u00a0j" in response.content.decode()


def test_table_sorts_by_budget_and_paginates(client, data, admin_user):
    client.force_login(admin_user)
    response = client.get(HOME, {"view": "table", "o": "-budget"})
    assert [p.title for p in response.context["projects"]] == [
        data[k].title for k in ("D", "C", "A", "B")
    ]
    headings = {c["label"]: c for c in response.context["table_columns"]}
    assert headings["Budget TTC"]["aria"] == "descending"
    assert 'aria-sort="descending"' in response.content.decode()


def test_board_caps_columns_and_links_to_the_table(client, charge_mission, monkeypatch):
    from cycle.views import dashboard

    monkeypatch.setattr(dashboard, "BOARD_CAP", 2)
    many_ics(14, by=charge_mission)  # 2 ICs in each of the 7 columns
    many_ics(3, by=charge_mission)  # one more in identifier, engager, confirmer
    client.force_login(charge_mission)
    response = client.get(HOME)
    identifier = response.context["columns"][0]
    assert (identifier.count, len(identifier.cards), identifier.hidden) == (3, 2, 1)
    assert "view=table&amp;stage=identifier" in response.content.decode()


def test_export_buttons_follow_the_permission(client, data, charge_mission):
    intervenant = intervenant_of(data["alpha"], "interv", make_user)
    client.force_login(charge_mission)
    assert reverse("cycle:export_csv") in client.get(HOME).content.decode()
    client.force_login(intervenant)
    assert reverse("cycle:export_csv") not in client.get(HOME).content.decode()


def test_navbar_shows_only_what_the_role_may_use(client, data, charge_mission, admin_user):
    intervenant = intervenant_of(data["alpha"], "interv", make_user)
    directory = reverse("directory:structure_list")
    client.force_login(intervenant)
    page = client.get(HOME).content.decode()
    assert directory not in page and reverse("admin:index") not in page
    assert 'aria-current="page" href="/"' in page
    client.force_login(charge_mission)
    page = client.get(HOME).content.decode()
    assert directory in page and reverse("admin:index") not in page
    assert "Claire Martin" in page
    client.force_login(admin_user)
    page = client.get(HOME).content.decode()
    assert directory in page and reverse("admin:index") in page


# Queries per page for a chargé de mission: session and user (2), key figures (1: was 3,
# now one aggregate over the ICs' summary rows, issue 20), the
# board (ranks, then cards: 2) or the table (count, page ids, rows: 3), the filters' choices (DLA and prestataires: 2 freshness checks,
# plus 2 lists when their cache is cold, as after new data; regions and sectors come
# from their declarations).
# The board's overdue badges (agenda), for the cards shown: one query, the counts of the
# sources that can be overdue (checklist items, sub-phase targets, grille returns,
# follow-up questionnaires, session invitations and attendance lists) in a UNION ALL;
# planned committee meetings and call deadlines never are overdue, and ask nothing.
# The session is written once a minute at most, not per page (dla_ic.middleware).
# Permission checks that fall through to Django's ModelBackend may add its two
# permission queries (once per request): the ceiling allows for them.
BOARD_QUERIES = 9 + 1
TABLE_QUERIES = 10
CACHED_LISTS = 2
PERMISSION_QUERIES = 2


@pytest.mark.parametrize(("view", "expected"), [("board", BOARD_QUERIES), ("table", TABLE_QUERIES)])
def test_queries_do_not_grow_with_the_number_of_ics(
    client, charge_mission, django_assert_num_queries, view, expected
):
    params = {"view": view, "q": "IC", "sector": "environnement"}
    client.force_login(charge_mission)
    client.get(HOME)  # the session's first expiry push (then once a minute)
    many_ics(5, by=charge_mission)
    with CaptureQueriesContext(connection) as with_five:
        response = client.get(HOME, params)
    assert response.context["figures"].ic_count == 5
    assert expected <= len(with_five) <= expected + PERMISSION_QUERIES

    many_ics(45, by=charge_mission, start=5)
    with django_assert_num_queries(len(with_five)):  # the same number for 50 ICs
        response = client.get(HOME, params)
    assert response.context["figures"].ic_count == 50
    if view == "table":
        assert len(titles(response)) == 25


def test_long_filter_lists_are_cached_until_a_link_changes(client, data, charge_mission):
    client.force_login(charge_mission)
    client.get(reverse("cycle:project_create"))  # the session's first expiry push
    with CaptureQueriesContext(connection) as cold:
        client.get(HOME)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(HOME)
    assert len(warm) == len(cold) - CACHED_LISTS
    assert "Cabinet Alpha" in response.content.decode()

    firm = Prestataire.objects.create(name="Cabinet Nouveau")
    ProjectPrestataire.objects.create(project=data["A"], prestataire=firm)
    response = client.get(HOME)
    assert "Cabinet Nouveau" in response.content.decode()
    response = client.get(HOME, {"prestataire": firm.pk})
    assert titles(response) == {data["A"].title}


def test_wrong_filter_values_do_not_break_the_page(client, data, admin_user):
    client.force_login(admin_user)
    for view in ("board", "table"):
        response = client.get(
            HOME, {"view": view, "stage": "inconnue", "year": "deux", "o": "nimporte",
                   "organisation": "999999", "page": "40"},
        )
        assert response.status_code == 200
        assert response.context["figures"].ic_count == 4  # the wrong values are ignored
        assert "stage" in response.context["filterset"].form.errors
        page = response.content.decode()
        # Beside the field, in French, the typed value kept.
        assert 'value="deux"' in page and 'aria-describedby="id_year-erreurs"' in page
        assert 'class="form-control is-invalid"' in page
        assert '<div id="id_year-erreurs" class="invalid-feedback">Saisissez un nombre.' in page


def test_filter_form_keeps_the_view_and_the_sort(client, data, admin_user):
    client.force_login(admin_user)
    page = client.get(HOME, {"view": "table", "o": "-budget"}).content.decode()
    assert '<input type="hidden" name="view" value="table">' in page
    assert '<input type="hidden" name="o" value="-budget">' in page


def test_board_cards_show_the_ic_escaped(client, data, charge_mission):
    project = data["A"]
    project.title = "Emplois <verts> & durables"
    project.save()
    client.force_login(charge_mission)
    page = client.get(HOME).content.decode()
    url = reverse("cycle:project_detail", args=[project.pk])
    assert (
        f'<a href="{url}" class="stretched-link">Emplois &lt;verts&gt; &amp; durables</a>' in page
    )
    assert "DLA du Nord · 2004" in page
    assert f"2 structures engagées · <span class=\"text-nowrap\">{euros(14800)}</span>" in page
    assert f'<p class="small mb-1">{project.state_label}</p>' in page
