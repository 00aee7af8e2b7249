from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonographsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monographs"
    verbose_name = _("Monographies et documents")

    def ready(self):
        # The grille, below, proposes the themes the cahier des charges expects.
        from grille import proposals

        from .selectors import expected_themes

        proposals.register_themes(expected_themes)
        # The IC's dossier, below, lists the cahier des charges' versions and the monograph.
        from dossier.registry import register_source

        from . import dossier_sources

        register_source(dossier_sources.generated_documents)
