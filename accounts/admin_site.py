"""Django's admin, for the administrators only (role admin or superuser, and staff)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig

from dla_ic.inputs import bound


class BoundedFieldsMixin:
    """The admin's fields get the bounds every form has (dla_ic.inputs): dates in a window,
    lengths capped, control characters refused; a value that would break pages is refused."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return bound(super().formfield_for_dbfield(db_field, request, **kwargs))


def bounded(admin_class):
    if issubclass(admin_class, BoundedFieldsMixin):
        return admin_class
    inlines = [bounded(inline) for inline in getattr(admin_class, "inlines", ())]
    return type(admin_class.__name__, (BoundedFieldsMixin, admin_class), {"inlines": inlines})


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and getattr(user, "is_admin_role", False))

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, bounded(admin_class or admin.ModelAdmin), **options)


class AdminConfig(BaseAdminConfig):
    default_site = "accounts.admin_site.AdminSite"
