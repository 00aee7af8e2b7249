from django.contrib import admin

from dla_ic.concurrency import VersionedAdmin

from .models import Attendee, Invitation, Meeting


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    raw_id_fields = ["structure", "answered_by"]


@admin.register(Meeting)
class MeetingAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "project", "held_on", "starts_at", "cancelled_at"]
    list_select_related = ["project"]
    raw_id_fields = ["project", "created_by", "cancelled_by", "intervenants"]
    inlines = [InvitationInline]


@admin.register(Attendee)
class AttendeeAdmin(admin.ModelAdmin):
    list_display = ["name", "structure", "meeting", "present"]
    list_select_related = ["structure", "meeting"]
    raw_id_fields = ["meeting", "structure", "recorded_by"]
