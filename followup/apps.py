from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "followup"
    verbose_name = _("Suivi des structures à N+1 et N+2")

    def ready(self):
        from agenda.registry import register_source
        from cycle import page_links, spaces
        from cycle.models import Project
        from workflows.signals import transition_fired

        from . import due_dates, selectors, services

        # An IC closed (a lower app's machine): schedule its structures' questionnaires.
        transition_fired.connect(
            services.schedule_on_close, sender=Project, dispatch_uid="followup.schedule"
        )
        register_source(due_dates.questionnaire_tasks, counts=due_dates.questionnaire_counts)
        page_links.register(selectors.followup_link)
        spaces.register_section(selectors.structure_section)
