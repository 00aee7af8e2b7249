from django.contrib import admin

from .models import DigestSent, Notification, NotificationPreference


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = [
        "title",
        "recipient",
        "kind",
        "channel",
        "created_at",
        "read_at",
        "emailed_at",
        "digested_at",
    ]
    list_filter = ["kind", "channel"]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__username", "key"]
    date_hierarchy = "created_at"


@admin.register(DigestSent)
class DigestSentAdmin(ReadOnly):
    list_display = ["user", "day", "count", "sent_at"]
    list_select_related = ["user"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel"]
    list_filter = ["kind", "channel"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
