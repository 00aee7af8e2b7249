"""The search's two product rules (dla_ic/search.py), the same on SQLite and PostgreSQL:
a word of one or two characters matches the start of a word; digits match a SIRET from
its start. And PostgreSQL's dla_fold folds as Python's fold does."""

import pytest
from django.db import connection
from django.urls import reverse

from directory.filters import BeneficiaryStructureFilter, PrestataireFilter
from directory.models import BeneficiaryStructure, Prestataire
from dla_ic.search import fold
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    PrestataireFactory,
    valid_siret,
)

pytestmark = pytest.mark.django_db


def found(filterset, model, q):
    return sorted(entry.name for entry in filterset({"q": q}, model.objects.all()).qs)


@pytest.fixture
def structures():
    for n, name in enumerate([
        "Atelier d'Icare", "Icare solidaire", "Publics solidaires", "Électricité verte",
        "Étoile du Nord", "Les étoiles", "Fête au village",
        "59 Solidaire", "Atelier 59-Nord", "Garage-59", "Recyclerie (59)", "Atelier 1590",
    ]):
        BeneficiaryStructureFactory(name=name, siret=valid_siret(n))


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # At the start of the name, after a space, a hyphen, an apostrophe, a parenthesis.
        ("ic", ["Atelier d'Icare", "Icare solidaire"]),  # not « publics », « électricité »
        ("ÉT", ["Les étoiles", "Étoile du Nord"]),  # accents and case ignored; not « fête »
        ("59", ["59 Solidaire", "Atelier 59-Nord", "Garage-59", "Recyclerie (59)"]),
        ("59 ic", []),  # every word still
        ("ica", ["Atelier d'Icare", "Icare solidaire"]),  # three letters: anywhere
        ("lic", ["Publics solidaires"]),
    ],
)
def test_a_short_word_matches_the_start_of_a_word(structures, q, expected):
    assert found(BeneficiaryStructureFilter, BeneficiaryStructure, q) == sorted(expected)


def test_digits_match_a_siret_from_its_start(db):
    BeneficiaryStructureFactory(name="Premier", siret=valid_siret(12))
    BeneficiaryStructureFactory(name="Second", siret=valid_siret(345))
    PrestataireFactory(name="Cabinet", siret=valid_siret(12))

    assert found(BeneficiaryStructureFilter, BeneficiaryStructure, valid_siret(12)[:13]) == [
        "Premier"
    ]
    assert found(BeneficiaryStructureFilter, BeneficiaryStructure, "80000000") == [
        "Premier", "Second"
    ]
    assert found(BeneficiaryStructureFilter, BeneficiaryStructure, "345") == []  # inside
    assert found(PrestataireFilter, Prestataire, valid_siret(12)[:10]) == ["Cabinet"]
    assert found(PrestataireFilter, Prestataire, valid_siret(12)[-5:]) == []


def test_the_rules_are_told_beside_the_search_field(client, charge_mission):
    client.force_login(charge_mission)
    response = client.get(reverse("directory:structure_list"))
    assert 'aria-describedby="id_q-aide"' in response.text
    assert '<div id="id_q-aide" class="form-text">Un mot d&#x27;une ou deux lettres' in (
        response.text
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="fonction de PostgreSQL")
@pytest.mark.parametrize(
    "text", ["Œuvre À l'École", "ÉLAN Straße", "Garage 100%", "Ça, c'est Noël", "IC 01234 (59)"]
)
def test_postgresql_folds_as_python_does(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT dla_fold(%s)", [text])
        assert cursor.fetchone()[0] == fold(text)


def test_a_search_keeps_the_lists_order(structures):
    """Its matches are sorted apart from the name index (directory/filters.py), by name still."""
    queryset = BeneficiaryStructureFilter({"q": "solidaire"}, BeneficiaryStructure.objects.all()).qs
    names = [entry.name for entry in queryset]
    assert names == sorted(names) and len(names) == 3, names
