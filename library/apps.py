from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "library"
    verbose_name = _("Bibliothèque de capitalisation")

    def ready(self):
        # The library sits above the grille and the IC: it listens to them, they know nothing
        # of it. A grille validated, a step of its workflow (reopened) and a capitalisation
        # item saved or deleted refresh the IC's entry.
        from django.db.models.signals import post_delete, post_save

        from cycle.models import CapitalisationItem
        from grille.models import Grille
        from workflows.models import TransitionLog

        from . import signals

        post_save.connect(signals.grille_saved, sender=Grille, dispatch_uid="library-grille")
        post_save.connect(signals.step_logged, sender=TransitionLog, dispatch_uid="library-step")
        for signal in (post_save, post_delete):
            signal.connect(
                signals.item_changed,
                sender=CapitalisationItem,
                dispatch_uid=f"library-item-{signal is post_save}",
            )
