from django.core.management.base import BaseCommand

from library.services import rebuild


class Command(BaseCommand):
    help = "Réécrit l'index de la bibliothèque de capitalisation (grilles validées)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"{count} monographie(s) indexée(s).")
