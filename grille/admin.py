from django.contrib import admin

from dla_ic.concurrency import VersionedAdmin
from workflows.admin import TransitionLogInline

from .models import EvaluationAnswer, Grille, GrilleTheme, Phase


class ThemeInline(admin.TabularInline):
    model = GrilleTheme
    extra = 0


class PhaseInline(admin.StackedInline):
    model = Phase
    extra = 0


class AnswerInline(admin.TabularInline):
    model = EvaluationAnswer
    extra = 0


@admin.register(Grille)
class GrilleAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["project", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["project"]
    search_fields = ["project__title"]
    readonly_fields = ["status", "updated_by"]
    autocomplete_fields = ["project"]
    inlines = [ThemeInline, PhaseInline, AnswerInline, TransitionLogInline]
