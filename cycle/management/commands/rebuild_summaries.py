"""Recompute every IC's summary row from its sources, or (--check) compare only."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cycle import summaries


class Command(BaseCommand):
    help = "Recalcule la synthèse de chaque IC depuis ses sources (--check : compare seulement)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true",
            help="Compare sans rien écrire ; code de sortie non nul s'il y a des écarts.",
        )

    def handle(self, *args, check=False, **options):
        if not check:
            with transaction.atomic():
                count = summaries.rebuild()
            self.stdout.write(f"{count} synthèse(s) recalculée(s).")
            return
        found = summaries.differences()
        for pk, name, kept, fresh in found:
            self.stdout.write(f"IC {pk} — {name} : enregistré {kept!r}, recalculé {fresh!r}")
        if found:
            raise CommandError(f"{len(found)} écart(s) entre les synthèses et leurs sources.")
        self.stdout.write("Synthèses exactes.")
