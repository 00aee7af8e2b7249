from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("RGPD")

    def ready(self):
        """The retention warning's kind; the retention date on the IC's page."""
        from cycle import page_links
        from notifications import kinds

        from . import notices, selectors

        kinds.register(notices.RETENTION_ENDING)
        page_links.register(selectors.retention_link)
