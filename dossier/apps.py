from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossier"
    verbose_name = _("Dossier unique des ingénieries collectives")

    def ready(self):
        # The « Espace structure » (cycle, below) lists what is shared with the structures.
        from cycle.spaces import register_section

        from .selectors import structure_section

        register_section(structure_section)
        self._feed()

    @staticmethod
    def _feed():
        """The activity feed (cycle, below) lists the uploads, versions and deletions."""
        from cycle import timeline

        from . import feed

        timeline.register(feed.DOCUMENT, feed.documents)
