from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cycle"
    verbose_name = _("Cycle des ingénieries collectives")
