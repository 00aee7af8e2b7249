from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from workflows.machines import labels
from workflows.models import TransitionLog

from .models import (
    CallForTender,
    Invitation,
    Offer,
    OfferVersion,
    Score,
    Scorer,
    ScoreSheet,
    SignedDocument,
)


class ReadOnly:
    """What the call decided is changed only through its logged actions, never here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvitationInline(ReadOnly, admin.TabularInline):
    model = Invitation
    extra = 0
    autocomplete_fields = ["prestataire"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("prestataire")


class ScorerInline(ReadOnly, admin.TabularInline):
    model = Scorer
    extra = 0
    raw_id_fields = ["user", "structure"]


class CallHistoryInline(ReadOnly, GenericTabularInline):
    """The call's journal: its fired transitions, named as the call declares them."""

    model = TransitionLog
    extra = 0
    fields = ["at", "action", "by", "comment", "details"]
    readonly_fields = fields
    verbose_name_plural = _("journal de l'appel d'offres")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description=_("action"))
    def action(self, entry):
        return labels(CallForTender, "state").get(entry.transition, entry.transition)


@admin.register(CallForTender)
class CallForTenderAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["project", "state", "reply_deadline", "signed_at"]
    list_filter = ["state"]
    list_select_related = ["project"]
    search_fields = ["project__title"]
    readonly_fields = ["state", "opened_at", "opened_by", "signed_at", "signed_by"]
    autocomplete_fields = ["project"]
    inlines = [InvitationInline, ScorerInline, CallHistoryInline]


class OfferVersionInline(admin.StackedInline):
    """Every version an offer had: kept as submitted, never edited here."""

    model = OfferVersion
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in OfferVersion._meta.fields] + ["intervenants"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["invitation", "selected"]
    list_filter = ["selected"]
    list_select_related = ["invitation__prestataire", "invitation__call__project"]
    search_fields = ["invitation__prestataire__name", "invitation__call__project__title"]
    readonly_fields = ["invitation", "current"]
    inlines = [OfferVersionInline]

    def get_queryset(self, request):
        # Sealed until the pilots open them after the deadline: not even here.
        offers = super().get_queryset(request)
        return offers.filter(CallForTender.unsealed_q("invitation__call__"))


class ScoreInline(ReadOnly, admin.TabularInline):
    model = Score
    extra = 0


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["offer", "scorer", "updated_at"]
    list_select_related = ["offer__invitation__prestataire", "scorer"]
    search_fields = ["scorer__name", "offer__invitation__prestataire__name"]
    inlines = [ScoreInline]


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["call", "kind", "invitation", "signed_at", "sha256"]
    list_select_related = ["call__project", "invitation__prestataire"]
