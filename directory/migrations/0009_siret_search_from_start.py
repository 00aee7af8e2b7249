"""A SIRET is searched from its start (dla_ic/search.py), through the btree
``varchar_pattern_ops`` index Django gives a unique CharField on PostgreSQL (``…_like``): its
trigram index, which no search reads any more, is dropped (a run of digits shares its
trigrams with most SIRETs: 11,000 rows rechecked for a prefix common to 1,000)."""

from django.db import migrations

from dla_ic import search

TABLES = ("directory_beneficiarystructure", "directory_prestataire")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(search.index_sql(table, "siret")[1])


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(search.index_sql(table, "siret")[0])


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0008_search_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
