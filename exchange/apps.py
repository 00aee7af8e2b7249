from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exchange"
    verbose_name = _("Échanges des ingénieries collectives")

    def ready(self):
        """Declare the notification kinds; show the exchanges' link on the IC's pages."""
        from cycle import page_links
        from notifications import kinds

        from . import notices, selectors

        for kind in notices.KINDS:
            kinds.register(kind)
        page_links.register(selectors.exchange_link)
        self._feed()

    @staticmethod
    def _feed():
        """The activity feed (cycle, below) lists the messages and the team's notes."""
        from cycle import timeline

        from . import feed

        timeline.register(feed.MESSAGE, feed.messages)
        timeline.register(feed.NOTE, feed.notes, offered=timeline.team)
