from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dla_ic.concurrency import VersionedAdmin
from workflows.admin import TransitionLogInline

from .models import (
    BudgetTranche,
    CapitalisationItem,
    ChecklistItem,
    Committee,
    CommitteeMember,
    Meeting,
    Objective,
    Project,
    ProjectPartner,
    ProjectPilot,
    ProjectPrestataire,
    ProjectStructure,
)


class PilotInline(admin.TabularInline):
    model = ProjectPilot
    extra = 0
    autocomplete_fields = ["organisation"]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


class BudgetTrancheInline(admin.TabularInline):
    model = BudgetTranche
    extra = 0
    autocomplete_fields = ["funders"]


class PartnershipInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["partner"]


class ParticipationInline(admin.TabularInline):
    model = ProjectStructure
    extra = 0
    autocomplete_fields = ["structure"]
    # Who recorded the consent, and when: set by the Acteurs tab (cycle.services.record_consent).
    readonly_fields = ["consent_recorded_at", "consent_recorded_by"]

    def get_queryset(self, request):
        # Each row's title names its structure: one query, not one per row.
        return super().get_queryset(request).select_related("structure")


class AssignmentInline(admin.TabularInline):
    model = ProjectPrestataire
    extra = 0
    autocomplete_fields = ["prestataire", "intervenants"]


class CapitalisationInline(admin.StackedInline):
    model = CapitalisationItem
    extra = 0


@admin.register(Project)
class ProjectAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "state", "ic_type", "territorial_scale", "launched_on", "n_structures"]
    list_filter = ["state", "ic_type", "territorial_scale", "pilots__region", "sectors"]
    search_fields = ["title", "problem_statement", "participations__structure__name"]
    readonly_fields = ["state", "suspended_from", "closing_reason", "created_by", "created_at"]
    autocomplete_fields = ["departements", "regions", "sectors"]
    date_hierarchy = "launched_on"
    inlines = [
        PilotInline,
        ObjectiveInline,
        BudgetTrancheInline,
        PartnershipInline,
        ParticipationInline,
        AssignmentInline,
        CapitalisationInline,
        TransitionLogInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(structure_count=Count("participations"))

    @admin.display(description=_("structures"), ordering="structure_count")
    def n_structures(self, obj):
        return obj.structure_count

    def has_delete_permission(self, request, obj=None):
        return False  # an IC is abandoned through the cycle, never deleted


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ["organisation", "partner", "structure", "prestataire"]


class MeetingInline(admin.StackedInline):
    model = Meeting
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["project", "kind", "opinion_on"]
    list_filter = ["kind"]
    list_select_related = ["project"]
    search_fields = ["project__title", "opinion"]
    autocomplete_fields = ["project"]
    inlines = [MemberInline, MeetingInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["project", "phase", "label", "done", "done_by", "done_at"]
    list_filter = ["phase", "done"]
    list_select_related = ["project", "done_by"]
    search_fields = ["project__title", "note"]
    readonly_fields = ["project", "phase", "code", "position", "done_by", "done_at"]

    def has_add_permission(self, request):
        return False
