"""Accent- and case-insensitive search (dla_ic/search.py), the same on SQLite and PostgreSQL,
and on PostgreSQL through the trigram indexes."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.filters import BeneficiaryStructureFilter
from directory.models import BeneficiaryStructure
from dla_ic.search import fold
from tests.cycle.datasets import known_set
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    PartnerFactory,
    PrestataireFactory,
    valid_siret,
)
from tests.directory.test_directory import LIST_QUERIES

HOME = reverse("cycle:home")
STRUCTURES = reverse("directory:structure_list")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="index de PostgreSQL"
)


def listed(client, url, q):
    return sorted(entry.name for entry in client.get(url, {"q": q}).context["entries"])


def test_fold_strips_accents_case_and_ligatures():
    assert fold("Œuvre À l'École ÉLAN Straße") == "oeuvre a l'ecole elan strasse"
    assert fold(None) is None


@pytest.fixture
def structures(db):
    return {
        name: BeneficiaryStructureFactory(name=name, siret=valid_siret(n))
        for n, name in enumerate(
            ["École de musique", "elan solidaire", "Écoles et élan du Nord", "Garage 100%"]
        )
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ecole", ["École de musique", "Écoles et élan du Nord"]),
        ("ÉCOLE", ["École de musique", "Écoles et élan du Nord"]),
        ("Élan", ["elan solidaire", "Écoles et élan du Nord"]),
        ("elan ecole", ["Écoles et élan du Nord"]),  # every word, in any order
        ("ecole solidaire", []),
        ("100%", ["Garage 100%"]),  # % and _ are letters, not wildcards
        ("_", []),
    ],
)
def test_structure_names_match_without_accents_or_case(client, charge_mission, structures,
                                                       q, expected):
    client.force_login(charge_mission)
    assert listed(client, STRUCTURES, q) == expected


def test_siret_is_searched_from_its_start(client, charge_mission, structures):
    """SIREN or SIRET, typed from their start (dla_ic/search.py): a prefix index reads them."""
    client.force_login(charge_mission)
    target = structures["elan solidaire"]
    assert listed(client, STRUCTURES, target.siret[:13]) == ["elan solidaire"]
    assert listed(client, STRUCTURES, f"{target.siret} elan") == ["elan solidaire"]
    assert len(listed(client, STRUCTURES, target.siret[:9])) == 4  # one SIREN, four SIRET
    assert listed(client, STRUCTURES, target.siret[-6:]) == []  # its end is not a start


def test_partners_and_prestataires_match_without_accents(client, charge_mission, db):
    PartnerFactory(name="Fédération des Œuvres laïques")
    PartnerFactory(name="Région Bretagne")
    PrestataireFactory(name="Cabinet Étoile", siret=valid_siret(7))
    client.force_login(charge_mission)
    assert listed(client, reverse("directory:partner_list"), "oeuvres LAIQUES") == [
        "Fédération des Œuvres laïques"
    ]
    prestataires = reverse("directory:prestataire_list")
    assert listed(client, prestataires, "etoile") == ["Cabinet Étoile"]
    assert listed(client, prestataires, valid_siret(7)[:9]) == ["Cabinet Étoile"]


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_searching_a_list_costs_no_query(client, charge_mission, structures,
                                         django_assert_num_queries, name):
    PartnerFactory(name="Union des écoles de l'Élan")
    PrestataireFactory(name="Élan école conseil", approved_regions=["32"])
    client.force_login(charge_mission)
    with django_assert_num_queries(LIST_QUERIES[name]):
        response = client.get(reverse(name), {"q": "ecole elan"})
    assert len(response.context["entries"]) >= 1


@pytest.fixture
def ics(charge_mission, other_charge_mission, c2ra_staff):
    return known_set(
        charge_mission=charge_mission, other_charge_mission=other_charge_mission,
        c2ra_staff=c2ra_staff,
    )


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("eclairage", {"B"}),  # title « Éclairage fiscal… »
        ("PERENNISER", {"A"}),  # title « Pérenniser… »
        ("reseau", {"B", "D"}),  # partner « Réseau des Ressourceries » (B), title (D)
        ("partage", {"A"}),  # structure « Jardin partagé des Flandres »
        ("reseau ressourceries", {"B"}),  # both words
        ("reseau patrimoine", {"D"}),
        ("écoles", set()),
        ("OF", {"C"}),  # two letters: the start of a word (« l'offre »)…
        ("ff", set()),  # …not inside one
    ],
)
def test_dashboard_search_ignores_accents(client, ics, admin_user, q, expected):
    client.force_login(admin_user)
    response = client.get(HOME, {"q": q, "view": "table"})
    assert {p.title for p in response.context["projects"]} == {ics[k].title for k in expected}


def test_dashboard_search_costs_no_query(client, ics, admin_user):
    client.force_login(admin_user)

    def count(params):
        with CaptureQueriesContext(connection) as queries:
            client.get(HOME, {"view": "table", **params})
        return len(queries)

    count({})  # fills the filter options' cache
    # A search reads as many queries as any other filter: its conditions are subqueries.
    assert count({"q": "réseau patrimoine"}) == count({"ic_type": "solution_partagee"})


# --- PostgreSQL: the queries read the trigram indexes


def structure_search_sql(q):
    queryset = BeneficiaryStructureFilter({"q": q}, BeneficiaryStructure.objects.all()).qs
    return str(queryset.query), queryset


@postgresql_only
def test_sql_compares_the_indexed_expression():
    sql, _queryset = structure_search_sql("ecole")
    assert 'dla_fold("directory_beneficiarystructure"."name")' in sql
    assert "siret" not in sql.split("WHERE")[1]  # letters are no SIRET's start
    sql, _queryset = structure_search_sql("8100")
    assert 'dla_fold("directory_beneficiarystructure"."name")' in sql
    assert '"directory_beneficiarystructure"."siret"::text LIKE' in sql  # not folded


@postgresql_only
@pytest.mark.django_db
def test_plan_reads_the_trigram_indexes():
    BeneficiaryStructure.objects.bulk_create(
        BeneficiaryStructure(
            name=f"Structure {n} du réseau", legal_form="association",
            sector_id="environnement", departement_id="59", siret=valid_siret(n),
        )
        for n in range(5000)
    )
    BeneficiaryStructureFactory(name="École de musique")
    _sql, queryset = structure_search_sql("ecole musique")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directory_beneficiarystructure")
    plan = queryset.explain()
    assert "directory_beneficiarystructure_name_fold_trgm" in plan, plan
    assert [s.name for s in queryset] == ["École de musique"]
    # Digits: the name's trigrams, and the SIRET's btree index from its start.
    # Whether the planner prefers them on 5,000 rows depends on the GIN index's pending
    # list; off a sequential scan, a condition no index can serve would still scan.
    _sql, queryset = structure_search_sql(valid_siret(4321)[:13])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "directory_beneficiarystructure_name_fold_trgm" in plan, plan
    assert re.search(r"directory_beneficiarystructure_siret_\w+_like", plan), plan
    assert [s.name for s in queryset] == ["Structure 4321 du réseau"]
