from django.contrib import admin

from .models import AnonymisationLog


@admin.register(AnonymisationLog)
class AnonymisationLogAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "target", "count")
    list_filter = ("action",)
    # The way in to the register and the subject-access export, from « Administration ».
    change_list_template = "privacy/admin/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
