from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TendersConfig(AppConfig):
    name = "tenders"
    verbose_name = _("Appels d'offres")

    def ready(self):
        # Plug into the cahier des charges (a lower app): freeze it once the call's reply
        # deadline has passed, and tell the invited firms of each avenant.
        from agenda.registry import register_source
        from grille import proposals
        from monographs import versions

        from . import due_dates, selectors, services

        register_source(due_dates.call_tasks)
        versions.register_lock(services.amendment_lock)
        versions.specification_issued.connect(
            services.notify_amendment, dispatch_uid="tenders.notify_amendment"
        )
        # The grille's part 2 (a lower app) is proposed the chosen offer's phases.
        proposals.register_phases(selectors.selected_offer_phases)
        self._notify()
        self._tell_the_dossier()
        self._feed()

    @staticmethod
    def _feed():
        """The activity feed (cycle, below) lists each call's steps to who sees the call."""
        from cycle import timeline

        from . import feed

        timeline.register(feed.TENDER, feed.calls, offered=feed.offered)

    @staticmethod
    def _tell_the_dossier():
        """The IC's dossier, below, lists the signed procès-verbal and letters."""
        from dossier.registry import register_source

        from . import dossier_sources

        register_source(dossier_sources.generated_documents)

    @staticmethod
    def _notify():
        from cycle import reminders
        from notifications import kinds
        from workflows.signals import transition_fired

        from . import notices
        from .models import Invitation

        for kind in notices.KINDS:
            kinds.register(kind)
        reminders.register_sweep(notices.tell_deadlines_passed)  # the IC's scheduled run
        transition_fired.connect(
            notices.tell_offer, sender=Invitation, dispatch_uid="tenders.notices.offer"
        )
