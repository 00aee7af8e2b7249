# Entries indexed before this have an empty card: `manage.py index_library` rewrites them.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="libraryentry",
            name="card",
            field=models.JSONField(default=dict, editable=False, verbose_name="fiche de résultat"),
        ),
    ]
