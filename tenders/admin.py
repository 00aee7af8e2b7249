from django.contrib import admin

from .models import CallForTender, Invitation, Offer, OfferVersion, Score, Scorer, ScoreSheet


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    autocomplete_fields = ["prestataire"]


class ScorerInline(admin.TabularInline):
    model = Scorer
    extra = 0
    raw_id_fields = ["user", "structure"]


@admin.register(CallForTender)
class CallForTenderAdmin(admin.ModelAdmin):
    list_display = ["project", "reply_deadline", "signed_at"]
    list_select_related = ["project"]
    search_fields = ["project__title"]
    readonly_fields = ["opened_at", "opened_by", "signed_at", "signed_by"]
    autocomplete_fields = ["project"]
    inlines = [InvitationInline, ScorerInline]


class OfferVersionInline(admin.StackedInline):
    """Every version an offer had: kept as submitted, never edited here."""

    model = OfferVersion
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in OfferVersion._meta.fields] + ["intervenants"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["invitation", "selected"]
    list_filter = ["selected"]
    list_select_related = ["invitation__prestataire", "invitation__call__project"]
    search_fields = ["invitation__prestataire__name", "invitation__call__project__title"]
    readonly_fields = ["invitation", "current"]
    inlines = [OfferVersionInline]

    def has_add_permission(self, request):
        return False  # an offer is a firm's deposit (tenders.services), never typed here


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    list_display = ["offer", "scorer", "updated_at"]
    list_select_related = ["offer__invitation__prestataire", "scorer"]
    search_fields = ["scorer__name", "offer__invitation__prestataire__name"]
    inlines = [ScoreInline]
