"""Background work of the sessions: telling the invitees a session changed or was
cancelled, queued at each such change (the reminders' sweep catches any left behind)."""

from django_tasks import task

from .mailing import send_updates
from .models import Meeting


@task()
def send_meeting_updates(meeting_pk: int) -> int:
    meeting = Meeting.objects.select_related("project").filter(pk=meeting_pk).first()
    return send_updates(meeting=meeting) if meeting else 0
