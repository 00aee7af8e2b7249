"""Import of 50,000 structures: `python benchmarks/bench_import.py [--rows N]`.

On its own PostgreSQL base (BENCH_IMPORT_DATABASE_URL, default h_imports_bench), emptied of
the previous run's structures: generates an XLSX of N structures (valid SIRETs, sectors and
départements by label), then times what a user waits for: reading the file, the preview
(the plan), the import (the background task: the same plan, then bulk writes in one
transaction), and a second import of the same file (everything already there: skipped).
Prints the figures and appends them to benchmarks/results.md.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/h_imports_bench"
PREFIX = "Banc import"
LIMIT_SECONDS = 120


def setup():
    url = os.environ.get("BENCH_IMPORT_DATABASE_URL", DEFAULT_URL)
    common.create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dla_ic.settings")
    sys.path.insert(0, str(common.ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def siret(n: int) -> str:
    from directory.validators import luhn_is_valid

    stem = f"7{n:012d}"
    return next(stem + key for key in "0123456789" if luhn_is_valid(stem + key))


def workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from directory.territories import DEPARTEMENTS
    from directory.vocabulary import SECTORS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Nom", "SIRET", "Forme juridique", "Secteur", "Département", "Salariés",
                  "Emplois aidés"])
    sectors, departements = list(SECTORS.values()), [n for n, _r in DEPARTEMENTS.values()]
    for n in range(rows):
        sheet.append([f"{PREFIX} {n}", siret(n), "Association loi 1901",
                      str(sectors[n % len(sectors)]), departements[n % len(departements)],
                      n % 50, min(n % 7, n % 50)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(label, action, figures):
    started = time.monotonic()
    result = action()
    figures.append((label, time.monotonic() - started))
    print(f"{label} : {figures[-1][1]:.1f} s")
    return result


def run(rows: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import Role, User
    from directory.models import BeneficiaryStructure
    from imports import selectors, services
    from imports.models import ImportJob, JobStatus
    from imports.tasks import run_import

    # The previous run's rows, without a history row each (a bench, not a user's deletion).
    BeneficiaryStructure.history.filter(name__startswith=PREFIX)._raw_delete("default")
    BeneficiaryStructure.objects.filter(name__startswith=PREFIX)._raw_delete("default")
    admin, _created = User.objects.get_or_create(
        username="banc-import", defaults={"role": Role.ADMIN}
    )
    content = workbook(rows)
    figures = []
    upload = SimpleUploadedFile("structures.xlsx", content)
    job = timed("lecture du fichier (envoi)",
                lambda: services.start(by=admin, kind_code="structures", upload=upload), figures)

    _kind, plan, _shown = timed("aperçu (plan)", lambda: selectors.preview(job), figures)
    assert plan.counts["create"] == rows, plan.counts
    for label in ("import (tâche de fond)", "second import (tout ignoré)"):
        ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
        counts = timed(label, lambda: run_import.call(job.pk), figures)
        print("   ", counts)
    assert BeneficiaryStructure.objects.filter(name__startswith=PREFIX).count() == rows
    return len(content), len(job.rows), figures


def report(size, rows, figures):
    total = figures[0][1] + figures[1][1] + figures[2][1]
    lines = [
        f"\n## Import de structures — {common.now()} — commit {common.commit()} — "
        f"{common.machine()}\n",
        f"Fichier XLSX de {rows} structures ({size / 1024 / 1024:.1f} Mo), "
        "`python benchmarks/bench_import.py`.\n",
        "| étape | secondes |", "| --- | ---: |",
        *(f"| {label} | {seconds:.1f} |" for label, seconds in figures),
        "",
        f"Lecture + aperçu + import : {total:.1f} s pour un plafond de {LIMIT_SECONDS} s "
        f"({'tenu' if total < LIMIT_SECONDS else 'DÉPASSÉ'}).\n",
    ]
    with (common.ROOT / "benchmarks" / "results.md").open("a") as results:
        results.write("\n".join(lines))
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    arguments = parser.parse_args()
    setup()
    report(*run(arguments.rows))


if __name__ == "__main__":
    main()
