"""Third-party apps under a French name in the admin index (their own names are English)."""

from axes.apps import AppConfig as BaseAxesConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(BaseAxesConfig):
    verbose_name = _("Tentatives de connexion")


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Tâches de fond")
