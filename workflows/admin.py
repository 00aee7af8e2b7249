from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from .models import TransitionLog

READ_ONLY = ["at", "transition", "source", "target", "by", "comment", "details"]


class TransitionLogInline(GenericTabularInline):
    """A machine's history, on its model's admin page: read-only, never deleted."""

    model = TransitionLog
    extra = 0
    can_delete = False
    fields = READ_ONLY
    readonly_fields = READ_ONLY
    ordering = ["-at", "-pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    """The one log of every machine: read, never written here."""

    list_display = ["at", "content_type", "object_id", "transition", "source", "target", "by"]
    list_filter = ["content_type", "transition", "target"]
    list_select_related = ["content_type", "by"]
    search_fields = ["comment", "transition"]
    date_hierarchy = "at"
    readonly_fields = ["content_type", "object_id", *READ_ONLY]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
