"""Write the import templates shipped in fixtures/import/ (one XLSX per kind), from the
kind declarations: run it after changing imports/kinds.py (a test compares them)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from imports import workbooks
from imports.kinds import KINDS

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "import"


class Command(BaseCommand):
    help = "Écrit les modèles d'import dans fixtures/import/."

    def handle(self, *args, **options):
        FOLDER.mkdir(parents=True, exist_ok=True)
        for code, kind in KINDS.items():
            (FOLDER / f"{code}.xlsx").write_bytes(workbooks.template(kind))
            self.stdout.write(f"fixtures/import/{code}.xlsx")
