from django.core.management.base import BaseCommand

from cycle import reminders


class Command(BaseCommand):
    help = (
        "Envoie les rappels des tâches (avant l'échéance, en retard, au référent ou "
        "aux pilotes après le délai) et les avis de date limite passée des appels "
        "d'offres. Sans effet la deuxième fois : à lancer chaque jour (cron, timer) ou "
        "plus souvent."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(reminders.run()))
