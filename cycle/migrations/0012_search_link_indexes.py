"""The dashboard search reaches ICs from the structures and partners whose name matches
(cycle/filters.py): on PostgreSQL, these covering indexes give an IC id per name without
reading the participation or partnership row (an index-only scan, where the foreign key's
index then the table were read: a quarter off a broad word's search)."""

from django.db import migrations

INDEXES = {
    "cycle_projectstructure_search": ("cycle_projectstructure", "structure_id"),
    "cycle_projectpartner_search": ("cycle_projectpartner", "partner_id"),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}") '
                'INCLUDE ("project_id")'
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ("cycle", "0011_project_summary"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
