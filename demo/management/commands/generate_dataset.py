"""``python manage.py generate_dataset --scale national --seed 1``: a synthetic data set.

Deterministic (same seed, same rows), bulk inserts only. Refuses a database
that holds accounts or ICs it did not generate, unless ``--force``; refuses a
database where a data set was already generated (``manage.py flush`` first).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo import dataset


class Command(BaseCommand):
    help = "Génère un jeu de données synthétique (national ou réduit), déterministe."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(dataset.SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force", action="store_true",
            help="Écrire même si la base contient des données non générées.",
        )

    def handle(self, *args, scale, seed, force, verbosity, **options):
        marker = dataset.generated_marker()
        if marker is not None:
            raise CommandError(
                f"Un jeu de données est déjà généré dans cette base ({marker}). "
                "Videz-la d'abord (manage.py flush)."
            )
        if dataset.foreign_data() and not force:
            raise CommandError(
                "La base contient des comptes ou des IC qui ne viennent pas du générateur : "
                "refus. Utilisez une base dédiée, ou --force pour écrire à côté."
            )
        started = time.monotonic()
        log = self.stdout.write if verbosity > 1 else (lambda message: None)
        counts = dataset.generate(scale, seed, log=log)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(
            f"Jeu « {scale} » (graine {seed}) généré en {elapsed:.1f} s."
        ))
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"Mot de passe des comptes générés : {dataset.PASSWORD}")
