from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrilleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "grille"
    verbose_name = _("Grille d'enquête")

    def ready(self):
        from agenda.registry import register_source
        from cycle import checklists, guards, proposals, timeline
        from cycle.states import State

        from . import due_dates, hooks

        register_source(due_dates.grille_tasks, counts=due_dates.grille_counts)
        guards.register(State.EVALUATION, hooks.grille_submitted)
        checklists.register_answer(State.EVALUATION, "collecter", hooks.collected)
        timeline.register(hooks.GRILLE, hooks.grille_events, offered=timeline.page_readers)
        proposals.register_evaluation(hooks.evaluation_synthesis)
        self._notify()

    @staticmethod
    def _notify():
        from notifications import kinds
        from workflows.signals import transition_fired

        from . import notices
        from .models import Grille

        for kind in notices.KINDS:
            kinds.register(kind)
        transition_fired.connect(
            notices.tell_step, sender=Grille, dispatch_uid="grille.notices.step"
        )
