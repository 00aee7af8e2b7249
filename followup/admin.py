from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dla_ic.concurrency import VersionedAdmin

from .models import Questionnaire


@admin.register(Questionnaire)
class QuestionnaireAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["participation", "year", "due_on", "answered_at", "channel"]
    list_filter = ["year", "channel"]
    list_select_related = ["participation__structure", "participation__project"]
    raw_id_fields = ["participation", "answered_by"]
    readonly_fields = ["answered_at", "answered_by"]
