from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = _("Séances des ingénieries collectives")

    def ready(self):
        """Plug into the apps below: the IC's links, the « Espace structure », « Mes
        tâches », the notification kinds and the scheduled run of reminders (the reminder
        of tomorrow's sessions, the changes not yet mailed)."""
        from agenda.registry import register_source
        from cycle import page_links, reminders, spaces
        from notifications import kinds

        from . import due_dates, notices, selectors

        for kind in notices.KINDS:
            kinds.register(kind)
        page_links.register(selectors.meetings_link)
        spaces.register_section(selectors.structure_section)
        register_source(due_dates.meeting_tasks, counts=due_dates.meeting_counts)
        reminders.register_sweep(notices.remind_tomorrow)
        reminders.register_sweep(notices.send_pending_updates)
