from django.contrib import admin

from .models import Grille


@admin.register(Grille)
class GrilleAdmin(admin.ModelAdmin):
    list_display = ["project", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["project"]
    search_fields = ["project__title"]
    readonly_fields = ["status"]
    autocomplete_fields = ["project"]
