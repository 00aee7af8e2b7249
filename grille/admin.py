from django.contrib import admin

from dla_ic.concurrency import VersionedAdmin

from .models import EvaluationAnswer, Grille, GrilleTheme, GrilleTransitionLog, Phase


class ThemeInline(admin.TabularInline):
    model = GrilleTheme
    extra = 0


class PhaseInline(admin.StackedInline):
    model = Phase
    extra = 0


class AnswerInline(admin.TabularInline):
    model = EvaluationAnswer
    extra = 0


class LogInline(admin.TabularInline):
    model = GrilleTransitionLog
    extra = 0
    can_delete = False
    readonly_fields = ["transition", "source", "target", "by", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Grille)
class GrilleAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["project", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["project"]
    search_fields = ["project__title"]
    readonly_fields = ["status", "updated_by"]
    autocomplete_fields = ["project"]
    inlines = [ThemeInline, PhaseInline, AnswerInline, LogInline]
