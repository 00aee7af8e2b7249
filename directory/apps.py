from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directory"
    verbose_name = _("Annuaire")

    def ready(self):
        from .reference import sync_reference_data

        post_migrate.connect(sync_reference_data, sender=self)
