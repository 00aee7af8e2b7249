"""The IC title's trigram index for the dashboard search (dla_ic/search.py), PostgreSQL only."""

from django.db import migrations

from dla_ic import search

CREATE, DROP = search.index_sql("cycle_project", "title")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("cycle", "0009_phase_target"),
        ("directory", "0008_search_indexes"),  # dla_fold()
    ]

    operations = [migrations.RunPython(forwards, backwards)]
