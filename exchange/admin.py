"""The exchanges in Django's admin: to look things up, not to rewrite them. What was written
(a message's text and author, a file sent) is read-only; nothing is deleted from here (a
thread or a message takes its history with it)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Attachment, Message, Note, Thread

USER_SEARCH = ["author__username", "author__first_name", "author__last_name"]


class NoAddNoDelete:
    """Written through the app's services only (audience checks, notifications)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnly(NoAddNoDelete):
    def has_change_permission(self, request, obj=None):
        return False


class MessageInline(ReadOnly, admin.TabularInline):
    model = Message
    extra = 0
    fields = ["created_at", "author", "visibility", "body"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class AttachmentInline(ReadOnly, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "kind", "size"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Thread)
class ThreadAdmin(NoAddNoDelete, admin.ModelAdmin):
    list_display = ["subject", "project", "created_by", "created_at"]
    list_filter = ["created_at"]
    list_select_related = ["project", "created_by"]
    search_fields = ["subject", "project__title", "created_by__username"]
    date_hierarchy = "created_at"
    readonly_fields = ["project", "created_by", "created_at"]
    inlines = [MessageInline]


@admin.register(Message)
class MessageAdmin(NoAddNoDelete, admin.ModelAdmin):
    """Only its audience may be corrected (a message sent to too wide a public)."""

    list_display = ["excerpt", "thread", "author", "visibility", "created_at"]
    list_filter = ["visibility", "created_at"]
    list_select_related = ["thread", "author"]
    search_fields = ["body", "thread__subject", "thread__project__title", *USER_SEARCH]
    date_hierarchy = "created_at"
    fields = ["thread", "author", "created_at", "visibility", "body"]
    readonly_fields = ["thread", "author", "created_at", "body"]
    inlines = [AttachmentInline]

    @admin.display(description=_("message"))
    def excerpt(self, message):
        return str(message)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["original_name", "kind", "size", "message"]
    list_filter = ["kind"]
    list_select_related = ["message"]
    search_fields = ["original_name", "message__thread__subject", "message__thread__project__title"]
    readonly_fields = ["message", "file_name", "original_name", "kind", "size"]


@admin.register(Note)
class NoteAdmin(NoAddNoDelete, admin.ModelAdmin):
    list_display = ["excerpt", "project", "participation", "author", "created_at"]
    list_filter = ["created_at"]
    list_select_related = ["project", "participation__structure", "author"]
    search_fields = ["body", "project__title", *USER_SEARCH]
    date_hierarchy = "created_at"
    readonly_fields = ["project", "participation", "author", "created_at"]

    @admin.display(description=_("note"))
    def excerpt(self, note):
        return str(note)
