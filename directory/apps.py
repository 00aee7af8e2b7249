from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directory"
    verbose_name = _("Annuaire")

    def ready(self):
        from accounts.signals import invitation_accepted
        from dla_ic import search

        from .reference import sync_reference_data
        from .services import link_account

        post_migrate.connect(sync_reference_data, sender=self)
        # SQLite's dla_fold (PostgreSQL's comes from migration 0007): searches need it.
        connection_created.connect(search.register_sqlite_fold, dispatch_uid="dla_ic.fold")
        # Joining a firm by invitation makes the new account its intervenant.
        invitation_accepted.connect(link_account, dispatch_uid="directory.link_account")
