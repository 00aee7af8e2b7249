"""The grille's workflow steps move to the one log of every machine (workflows.TransitionLog)."""

from django.db import migrations

from workflows import legacy

LOG = {"old": "grille.GrilleTransitionLog", "subject": "grille.grille", "key": "grille"}


def forwards(apps, schema_editor):
    legacy.into_one_log(apps, **LOG)


def backwards(apps, schema_editor):
    legacy.out_of_one_log(apps, **LOG)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("grille", "0003_phase_label_and_type_wording"),
        ("workflows", "0001_transition_log"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(
            name="GrilleTransitionLog",
        ),
    ]
