"""The library's pages: search, a result as published, the « à diffuser » mark, the carnet."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from cycle.models import ChecklistItem
from grille.models import GrilleStatus
from monographs.models import Carnet, DisseminationMark
from tests.conftest import make_user
from tests.directory.factories import OrganisationFactory

from .factories import library_ic, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(charge_mission):
    return library_ic(by=charge_mission, title="Mutualiser l'encadrement")


def test_the_library_lists_published_monographs_of_every_dla(
    client, published, other_charge_mission
):
    library_ic(by=other_charge_mission, title="Éclairage fiscal")
    library_ic(by=other_charge_mission, title="Brouillon secret", status=GrilleStatus.DRAFT)
    client.force_login(other_charge_mission)  # another DLA, another region: shared
    page = client.get(reverse("library:library")).text
    assert "Mutualiser l&#x27;encadrement" in page and "Éclairage fiscal" in page
    assert "Brouillon secret" not in page
    assert "Matrice d&#x27;analyse des coûts partagés" in page  # the transferable tools


def test_a_search_without_accents_finds_the_monograph(client, published, c2ra_staff):
    library_ic(by=c2ra_staff, title="Autre chose", problem="Structurer la vie statutaire")
    client.force_login(c2ra_staff)
    page = client.get(reverse("library:library"), {"q": "economies"}).text
    assert "Mutualiser l&#x27;encadrement" in page and "Autre chose" not in page
    assert "1 monographie trouvée" in page


def test_a_bad_filter_is_said_in_french_beside_it_and_kept(client, published, charge_mission):
    client.force_login(charge_mission)
    response = client.get(reverse("library:library"), {"q": "économie", "year": "deux mille"})
    assert response.status_code == 200
    assert "Saisissez un nombre entier" in response.text
    assert 'value="économie"' in response.text
    assert "Aucune monographie ne répond à cette recherche." in response.text


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_result_card_is_the_ic_as_indexed(client, charge_mission, c2ra_staff):
    """The card is written with the index: type, year, scale, sectors, problem, themes,
    tools; the page reads it without the IC's grille, sectors or tools."""
    project = library_ic(
        by=charge_mission,
        title="Carte complète",
        sectors=["insertion"],
        themes=("connaitre-marche", "situation-fiscale"),
    )
    client.force_login(c2ra_staff)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("library:library")).text
    card = project.library_entry.card
    assert card["subtitle"].startswith(str(project.get_ic_type_display()))
    assert " · 2025 · " in card["subtitle"] and str(project.sectors.get()) in card["subtitle"]
    assert card["tools"] == ["Matrice d'analyse des coûts partagés"]
    assert len(card["themes"]) == 2
    for text in (card["subtitle"], card["themes"][1], "Mutualiser l&#x27;économie"):
        assert str(text).replace("'", "&#x27;") in page, text
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "grille_grilletheme" not in tables and "cycle_capitalisationitem" not in tables


def test_query_count_does_not_grow_with_results(client, charge_mission, c2ra_staff):
    client.force_login(c2ra_staff)
    url = reverse("library:library")
    library_ic(by=charge_mission, title="Première", sectors=["insertion"])
    _queries(client, url)  # the first request fills per-process caches (content types)
    one = _queries(client, url)
    for n in range(6):
        project = library_ic(
            by=charge_mission,
            title=f"IC {n}",
            sectors=["insertion"],
            themes=("connaitre-marche", "situation-fiscale"),
        )
        participant(project, f"Structure {n}", consent=True)
    assert _queries(client, url) == one
    assert _queries(client, url + "?q=economie&sector=insertion") <= one + 1


def test_the_result_is_the_monograph_as_published(client, charge_mission, other_charge_mission):
    project = library_ic(by=charge_mission, title="Anonyme")
    participant(project, "Association Ravioli", consent=False)
    participant(project, "Coopérative Tartempion", consent=True)
    ChecklistItem.objects.filter(project=project).update(note="Zanzibar confidentiel")
    client.force_login(other_charge_mission)
    page = client.get(reverse("library:entry_detail", args=[project.pk])).text
    assert "MONOGRAPHIE" in page and "Matrice d&#x27;analyse des coûts partagés" in page
    assert "Tartempion" in page
    for hidden in ("Ravioli", "Zanzibar", "DLA du Nord", "Claire", "Martin"):
        assert hidden not in page, hidden


def test_a_draft_grille_has_no_library_page(client, charge_mission):
    draft = library_ic(by=charge_mission, title="Brouillon", status=GrilleStatus.SUBMITTED)
    client.force_login(charge_mission)  # even its own pilot: the library is what is published
    assert client.get(reverse("library:entry_detail", args=[draft.pk])).status_code == 404


def _mark(client, project, marked):
    return client.post(reverse("library:entry_mark", args=[project.pk]), {"marked": marked})


def test_the_c2ra_of_the_region_marks_and_unmarks(client, published, c2ra_staff):
    client.force_login(c2ra_staff)
    assert _mark(client, published, "1").status_code == 302
    assert _mark(client, published, "1").status_code == 302  # twice: still one mark
    mark = DisseminationMark.objects.get()
    assert mark.project == published and mark.marked_by == c2ra_staff
    page = client.get(reverse("library:library"), {"marked": "on"}).text
    assert "Mutualiser l&#x27;encadrement" in page and "À diffuser" in page
    assert _mark(client, published, "0").status_code == 302
    assert not DisseminationMark.objects.exists()


def test_a_c2ra_of_another_region_may_not_mark(client, published):
    elsewhere = OrganisationFactory(regional=True, name="C2RA Nouvelle-Aquitaine", region_id="75")
    staffer = make_user("c2ra-na", Role.C2RA, elsewhere)
    client.force_login(staffer)
    assert client.get(reverse("library:entry_detail", args=[published.pk])).status_code == 200
    assert _mark(client, published, "1").status_code == 403
    assert not DisseminationMark.objects.exists()


def test_a_carnet_is_compiled_from_the_marked_monographs(client, charge_mission, c2ra_staff):
    marked = library_ic(by=charge_mission, title="Marquée")
    library_ic(by=charge_mission, title="Non marquée")
    client.force_login(c2ra_staff)
    _mark(client, marked, "1")
    url = reverse("monographs:carnet_create") + "?marked=on"
    form = client.get(url).text
    assert "Marquée" in form and "Non marquée" not in form
    response = client.post(url, {"title": "À diffuser 2026", "projects": [marked.pk]})
    assert response.status_code == 302
    assert list(Carnet.objects.get(title="À diffuser 2026").projects.all()) == [marked]


def test_the_pages_are_titled_like_the_others(client, published, charge_mission):
    client.force_login(charge_mission)

    listing = client.get(reverse("library:library")).text
    entry = client.get(reverse("library:entry_detail", args=[published.pk])).text

    assert "<title>Bibliothèque de capitalisation – Ingénieries collectives DLA</title>" in listing
    assert "<title>Mutualiser l&#x27;encadrement – Bibliothèque – Ingénieries " in entry


def test_a_search_without_result_says_so_once_without_a_zero(client, published, charge_mission):
    """« 0 monographies trouvées » then « Aucune monographie… » said it twice, with the
    English plural of zero."""
    client.force_login(charge_mission)

    page = client.get(reverse("library:library"), {"q": "zzzqqq"}).text

    assert "0 monographie" not in page
    assert page.count("Aucune monographie ne répond à cette recherche.") == 1
