"""Keep each IC's library entry in step with its grille and capitalisation items."""

from django.contrib.contenttypes.models import ContentType

from grille.models import Grille, GrilleStatus

from . import services


def grille_saved(sender, instance, raw=False, **kwargs):
    # A validated grille saved (its validation, or one created validated); a draft's
    # content saved cannot have an entry, and costs no query.
    if not raw and instance.status == GrilleStatus.VALIDATED:
        services.refresh_entry(project_id=instance.project_id)


def step_logged(sender, instance, created=False, raw=False, **kwargs):
    """Every step of a grille's workflow is logged: a reopened grille leaves the library.
    A step to « validée » is not: its save has just written the entry (``grille_saved``)."""
    if (
        created
        and not raw
        and instance.target != GrilleStatus.VALIDATED
        and instance.content_type_id == _grille_type_id()
    ):
        project_id = Grille.objects.values_list("project_id", flat=True).get(pk=instance.object_id)
        services.refresh_entry(project_id=project_id)


def _grille_type_id() -> int:
    return ContentType.objects.get_for_model(Grille).pk  # cached after the first call


def item_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        services.refresh_entry(project_id=instance.project_id)
