from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrilleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "grille"
    verbose_name = _("Grille d'enquête")
