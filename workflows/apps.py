from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Cycles de vie")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps

        from .models import protect_history, with_history

        # A generic relation would cascade to the log: the models that have a history
        # refuse deletion instead, as a PROTECT foreign key would.
        for model in apps.get_models():
            if with_history(model):
                pre_delete.connect(protect_history, sender=model, weak=False)
