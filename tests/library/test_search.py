"""The library's search: only what is published, found with or without accents and plurals."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from cycle.models import CapitalisationItem, ChecklistItem
from grille import services as grille_services
from grille.models import Grille, GrilleStatus
from library import services
from library.models import LibraryEntry
from library.selectors import search
from library.text import normalise, stems

from .factories import library_ic, participant

pytestmark = pytest.mark.django_db

only_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search (DATABASE_URL)"
)


def titles(q="", **criteria):
    return sorted(e.project.title for e in search({"q": q, **criteria}))


@pytest.fixture
def published(charge_mission):
    return library_ic(by=charge_mission, title="Mutualiser l'encadrement")


@pytest.mark.parametrize(
    "query",
    [
        "économie",
        "economie",
        "ECONOMIE",
        "économies",
        "economies",
        "entreprise insertion",
        "matrices d'analyse",  # a capitalisation item's words
    ],
)
def test_a_monograph_is_found_with_or_without_accents_and_plurals(published, query):
    assert titles(query) == ["Mutualiser l'encadrement"]


@pytest.mark.postgres
@only_postgres
@pytest.mark.parametrize("query", ["économie", "economies", "entreprises", "Économies"])
def test_on_postgresql_the_french_configuration_finds_it(published, query):
    entry = LibraryEntry.objects.get()
    assert entry.search_vector  # the stored vector, filled by the service
    assert titles(query) == ["Mutualiser l'encadrement"]


@pytest.mark.postgres
@only_postgres
def test_on_postgresql_stemming_reaches_beyond_plurals(published):
    assert titles("mutualisation") == ["Mutualiser l'encadrement"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")
def test_on_sqlite_the_fallback_searches_the_folded_text(published):
    assert LibraryEntry.objects.get().folded == normalise(LibraryEntry.objects.get().document)
    assert "economie" in LibraryEntry.objects.get().folded
    assert stems("Économies d'Insertion") == ["economie", "d", "insertion"]
    assert titles("rien de tel") == []


def test_a_word_not_published_finds_nothing(published):
    assert titles("boulangerie") == []


def test_a_draft_grille_is_never_in_the_library(charge_mission):
    library_ic(by=charge_mission, title="Brouillon", status=GrilleStatus.DRAFT)
    library_ic(by=charge_mission, title="Remise", status=GrilleStatus.SUBMITTED)
    assert titles() == [] and titles("économie") == []
    assert not LibraryEntry.objects.exists()


def test_a_reopened_grille_leaves_the_library(published, charge_mission):
    grille_services.reopen(
        Grille.objects.get(project=published), by=charge_mission, reason="Une phase manque"
    )
    assert titles("économie") == []
    assert not LibraryEntry.objects.exists()


def test_private_notes_and_comments_are_never_searched(published, charge_mission):
    ChecklistItem.objects.filter(project=published).update(note="Zanzibar confidentiel")
    CapitalisationItem.objects.filter(project=published).first().save()  # re-indexed
    assert titles("Zanzibar") == []
    assert "Zanzibar" not in LibraryEntry.objects.get().document


def test_names_are_anonymised_as_in_the_published_pdf(charge_mission, dla):
    project = library_ic(by=charge_mission, title="Anonyme", item=False)
    participant(project, "Association Ravioli", consent=False)
    participant(project, "Coopérative Tartempion", consent=True)
    services.refresh_entry(project_id=project.pk)
    document = LibraryEntry.objects.get().document
    assert "Tartempion" in document  # named with its recorded consent, as published
    assert "Ravioli" not in document and titles("Ravioli") == []
    assert dla.name not in document and titles("Nord") == []  # pilots never named
    assert "un DLA" in document


def test_an_item_saved_or_deleted_refreshes_the_entry(published):
    item = CapitalisationItem.objects.get(project=published)
    item.title = "Guide des achats groupés"
    item.save()
    assert titles("achats groupés") == ["Mutualiser l'encadrement"]
    item.delete()
    assert titles("achats") == []


def test_facets_filter(charge_mission):
    library_ic(
        by=charge_mission,
        title="Finances",
        themes=("situation-fiscale",),
        ic_type="solution_partagee",
        territorial_scale="regional",
        sectors=["insertion"],
    )
    library_ic(by=charge_mission, title="Marché", launched_on="2024-05-02")
    assert titles(axis="gestion_financiere") == ["Finances"]
    assert titles(theme="connaitre-marche") == ["Marché"]
    assert titles(ic_type="solution_partagee") == ["Finances"]
    assert titles(territorial_scale="regional") == ["Finances"]
    assert titles(year=2024) == ["Marché"]
    from directory.models import Sector

    assert titles(sector=Sector.objects.get(pk="insertion")) == ["Finances"]
    assert titles("économie", year=2025) == ["Finances"]


def test_rebuild_writes_every_published_entry_and_only_those(published, charge_mission):
    library_ic(by=charge_mission, title="Brouillon", status=GrilleStatus.DRAFT)
    LibraryEntry.objects.all().delete()
    assert services.rebuild() == 1
    assert titles("economie") == ["Mutualiser l'encadrement"]


def test_index_library_command_rewrites_the_index(published):
    LibraryEntry.objects.update(document="", folded="", search_vector=None)
    out = io.StringIO()
    call_command("index_library", stdout=out)
    assert "1 monographie(s) indexée(s)." in out.getvalue()
    assert titles("economie") == ["Mutualiser l'encadrement"]
