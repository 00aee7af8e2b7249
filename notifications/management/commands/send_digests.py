from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import digests, services


class Command(BaseCommand):
    help = (
        "Envoie le résumé quotidien des notifications (un par personne et par jour au plus) "
        "et renvoie les courriels immédiats qu'un échec a laissés en attente."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        retried = services.mail_pending_immediate(older_than=now - timedelta(minutes=10))
        sent, failed = digests.send_digests(now=now)
        self.stdout.write(f"{sent} résumé(s) envoyé(s), {retried} courriel(s) immédiat(s) repris.")
        if failed:
            raise CommandError(f"{failed} résumé(s) en échec : relancez la commande.")
