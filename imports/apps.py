from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "imports"
    verbose_name = _("Imports de tableurs")

    def ready(self):
        from directory.hooks import register_list_action

        # « Importer » beside « Ajouter » on the directory's lists, for who may import.
        register_list_action(label=_("Importer"), url_name="imports:start",
                             permission="imports.import")
