from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dla_ic.concurrency import VersionedAdmin

from .models import (
    BeneficiaryStructure,
    Departement,
    Intervenant,
    Organisation,
    Partner,
    Prestataire,
    Region,
    Sector,
    StructureContact,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["code", "name"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "label"]
    search_fields = ["label"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "departement", "region", "carrier"]
    list_filter = ["kind", "region"]
    list_select_related = ["departement", "region"]
    search_fields = ["name", "carrier"]
    autocomplete_fields = ["departement", "region"]


@admin.register(Partner)
class PartnerAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "departement", "european_social_fund"]
    list_filter = ["kind", "region", "european_social_fund"]
    list_select_related = ["region", "departement"]
    search_fields = ["name", "contact"]
    autocomplete_fields = ["departement", "region"]


@admin.register(BeneficiaryStructure)
class BeneficiaryStructureAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "legal_form", "siret", "sector", "departement", "employees"]
    list_filter = ["legal_form", "sector", "departement__region"]
    list_select_related = ["sector", "departement"]
    search_fields = ["name", "siret"]
    autocomplete_fields = ["departement", "sector"]


class IntervenantInline(admin.TabularInline):
    model = Intervenant
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Prestataire)
class PrestataireAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "siret", "departement", "email"]
    list_filter = ["approved_regions"]
    list_select_related = ["departement"]
    search_fields = ["name", "siret"]
    autocomplete_fields = ["departement"]
    filter_horizontal = ["approved_regions"]
    inlines = [IntervenantInline]


@admin.register(Intervenant)
class IntervenantAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "prestataire", "email", "user"]
    list_select_related = ["prestataire", "user"]
    search_fields = ["last_name", "first_name", "email", "prestataire__name"]
    autocomplete_fields = ["prestataire", "user"]


@admin.register(StructureContact)
class StructureContactAdmin(SimpleHistoryAdmin):
    list_display = ["user", "structure", "created_at", "withdrawn_at"]
    list_select_related = ["user", "structure"]
    list_filter = [("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__last_name", "structure__name"]
    autocomplete_fields = ["structure", "user"]
    readonly_fields = ["created_at", "withdrawn_by"]
