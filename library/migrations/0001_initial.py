import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# PostgreSQL only: SQLite has neither extensions nor text search configurations, and
# searches the entries' folded text instead (README).
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    "CREATE INDEX library_entry_search_gin ON library_libraryentry USING gin (search_vector)",
]
POSTGRES_TEARDOWN = [
    "DROP INDEX IF EXISTS library_entry_search_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cycle", "0007_participation_consent"),
    ]

    operations = [
        migrations.CreateModel(
            name="LibraryEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("document", models.TextField(verbose_name="texte publié")),
                ("folded", models.TextField(help_text="Minuscules, sans accents.", verbose_name="texte normalisé")),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="indexé le")),
                ("project", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="library_entry", to="cycle.project", verbose_name="IC")),
            ],
            options={
                "verbose_name": "entrée de la bibliothèque",
                "verbose_name_plural": "entrées de la bibliothèque",
            },
        ),
        migrations.RunPython(_run(POSTGRES_SETUP), _run(POSTGRES_TEARDOWN)),
    ]
