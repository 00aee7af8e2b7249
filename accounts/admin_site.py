"""Django's admin, for the administrators only (role admin or superuser, and staff)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and getattr(user, "is_admin_role", False))


class AdminConfig(BaseAdminConfig):
    default_site = "accounts.admin_site.AdminSite"
