from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = _("Dossiers d'audit")

    def ready(self):
        # The IC's page (cycle, below) shows the « Dossier d'audit (ZIP) » button.
        from cycle import page_links

        from . import rules, selectors  # noqa: F401  (rules: registers the permissions)

        page_links.register(selectors.audit_link)
