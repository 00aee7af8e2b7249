"""Accent-insensitive, indexed search (dla_ic/search.py): on PostgreSQL the unaccent and
pg_trgm extensions, the IMMUTABLE ``dla_fold`` function and a trigram GIN index on each
searched column. SQLite has none of these: its ``dla_fold`` is a Python function."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from dla_ic import search

SEARCHED = {
    "directory_beneficiarystructure": ("name", "siret"),
    "directory_partner": ("name", "contact"),
    "directory_prestataire": ("name", "siret", "email"),
}
INDEXES = [search.index_sql(table, column) for table, columns in SEARCHED.items()
           for column in columns]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Kept when unapplied: the library's french_unaccent configuration uses it too.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        schema_editor.execute(search.CREATE_FUNCTION)
        for create, _drop in INDEXES:
            schema_editor.execute(create)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _create, drop in INDEXES:
            schema_editor.execute(drop)
        schema_editor.execute(search.DROP_FUNCTION)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0007_structure_address"),
    ]

    operations = [
        TrigramExtension(),  # does nothing on SQLite
        migrations.RunPython(forwards, backwards),
    ]
