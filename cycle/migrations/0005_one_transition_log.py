"""The IC's transitions move to the one log of every machine (workflows.TransitionLog);
a structure's participation becomes a django-fsm machine (same column, same values)."""

import django_fsm
from django.db import migrations

from workflows import legacy

LOG = {"old": "cycle.TransitionLog", "subject": "cycle.project", "key": "project"}


def forwards(apps, schema_editor):
    legacy.into_one_log(apps, **LOG)


def backwards(apps, schema_editor):
    legacy.out_of_one_log(apps, **LOG)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("cycle", "0004_committee_capitalisation_opinion"),
        ("workflows", "0001_transition_log"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(
            name="TransitionLog",
        ),
        migrations.AlterField(
            model_name="historicalprojectstructure",
            name="status",
            field=django_fsm.FSMField(choices=[("identifiee", "Identifiée"), ("contactee", "Contactée"), ("engagee", "Engagée"), ("retiree", "Retirée")], default="identifiee", max_length=20, verbose_name="participation"),  # noqa: E501
        ),
        migrations.AlterField(
            model_name="projectstructure",
            name="status",
            field=django_fsm.FSMField(choices=[("identifiee", "Identifiée"), ("contactee", "Contactée"), ("engagee", "Engagée"), ("retiree", "Retirée")], default="identifiee", max_length=20, verbose_name="participation"),  # noqa: E501
        ),
    ]
