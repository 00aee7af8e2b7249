from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directory"
    verbose_name = _("Annuaire")

    def ready(self):
        from accounts.signals import invitation_accepted

        from .reference import sync_reference_data
        from .services import link_account

        post_migrate.connect(sync_reference_data, sender=self)
        # Joining a firm by invitation makes the new account its intervenant.
        invitation_accepted.connect(link_account, dispatch_uid="directory.link_account")
