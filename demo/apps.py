from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data and the benchmarks' data set: above every app, which never import it."""

    name = "demo"
    verbose_name = _("Démonstration")
