"""``python manage.py load_demo``: the seed notebook's four ICs and a demo of each stage."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cycle.exceptions import TransitionRefused
from demo import agenda as agenda_demo
from demo import calls as tenders_demo
from demo import dossier as dossier_demo
from demo import exchanges as exchanges_demo
from demo import followup as followup_demo
from demo import grilles as grille_demo
from demo import ics as demo
from demo import meetings as meetings_demo
from demo import notifications as notifications_demo
from demo import structures as structures_demo
from library import services as library_services

# Demo only: the README publishes it. Set once, when each account is created.
DEMO_PASSWORD = "demo-dla-2026"


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                summary = demo.load(password=DEMO_PASSWORD)
                grilles = grille_demo.load()
                tenders_demo.load()
                notifications_demo.load()
                agenda_demo.load()
                summary.accounts.extend(structures_demo.load(password=DEMO_PASSWORD))
                filed = dossier_demo.load()
                exchanges_demo.load()
                summary.accounts.extend(followup_demo.load(password=DEMO_PASSWORD))
                sessions = meetings_demo.load()
                # The grilles' themes and phases are written after their validation: the
                # library's index is rewritten once everything is in (idempotent).
                indexed = library_services.rebuild()
        except TransitionRefused as error:
            raise CommandError(f"Démo incohérente avec la méthodologie : {error}") from error
        write = self.stdout.write
        write(self.style.SUCCESS(
            f"Démo chargée : {len(summary.created)} IC créée(s), "
            f"{len(summary.skipped)} déjà présente(s)."
        ))
        for title in summary.created:
            write(f"  + {title}")
        write(f"Grilles d'enquête du carnet : {len(grilles)}.")
        write(f"Documents déposés dans les dossiers : {filed}.")
        write(f"Séances planifiées : {sessions}.")
        write(f"Bibliothèque de capitalisation : {indexed} monographie(s) indexée(s).")
        write(f"Comptes : {', '.join(summary.accounts)} (mot de passe : {DEMO_PASSWORD}).")
