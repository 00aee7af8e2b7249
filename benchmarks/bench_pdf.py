"""PDF benchmark: `make bench-pdf`.

Renders each seed monograph through the app (queries + template + safe fetcher
+ WeasyPrint) and through raw WeasyPrint on the same, already-rendered HTML,
then carnets of 10 and 100 monographs (clones of the seed cases), each carnet in
its own process so that its peak memory is its own. Prints a table and appends
it to benchmarks/results.md. Runs on a throw-away SQLite database.
"""

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 5


def setup(database: Path, fresh: bool) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dla_ic.settings")
    import django

    django.setup()
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_time(function, runs=RUNS) -> float:
    return median_times(function, runs)[0]


def median_times(function, runs=RUNS) -> tuple[float, float]:
    """Median wall and CPU seconds: on a shared machine only the CPU time compares runs."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def seed_projects():
    from cycle.models import Project
    from grille.models import GrilleStatus

    return list(Project.objects.filter(grille__status=GrilleStatus.VALIDATED).order_by("title"))


def bench_monographs() -> list[tuple]:
    from django.contrib.staticfiles import finders
    from pypdf import PdfReader
    from weasyprint import HTML

    from dla_ic.pdf import DOCUMENT_ORIGIN, html_to_pdf
    from monographs.documents import monograph_html

    css = finders.find("monographs/print.css")
    rows = []
    for project in seed_projects():
        html = monograph_html(project)
        raw_html = html.replace(f"{DOCUMENT_ORIGIN}/static/monographs/print.css", f"file://{css}")
        raw_html = raw_html.replace("/static/monographs/print.css", f"file://{css}")
        pdf = html_to_pdf(html)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        app, app_cpu = median_times(lambda p=project: html_to_pdf(monograph_html(p)))
        raw = median_time(
            lambda h=raw_html: HTML(string=h).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
        )
        rows.append((project.title, pages, app, raw, app_cpu))
    return rows


def clone(project, index):
    """A copy of a seed IC and its validated grille (generated data for the carnet)."""
    from cycle import summaries
    from cycle.models import BudgetTranche, Objective, Project

    grille = project.grille
    copy = Project.objects.create(
        title=f"{project.title} ({index})", ic_type=project.ic_type,
        problem_statement=project.problem_statement,
        beneficiaries_description=project.beneficiaries_description,
        strategic_objective=project.strategic_objective,
        territorial_scale=project.territorial_scale, state=project.state,
    )
    copy.sectors.set(project.sectors.all())
    Objective.objects.bulk_create(
        Objective(project=copy, kind=o.kind, text=o.text, position=o.position)
        for o in project.objectives.all()
    )
    BudgetTranche.objects.bulk_create(
        BudgetTranche(project=copy, label=t.label, amount=t.amount, days=t.days)
        for t in project.budget_tranches.all()
    )
    summaries.refresh([copy.pk])  # bulk: no signal
    themes, phases, answers = (list(grille.themes.all()), list(grille.phases.all()),
                               list(grille.answers.all()))
    grille.pk, grille.id, grille.project = None, None, copy
    grille._state.adding = True
    grille.save()
    for rows in (themes, phases, answers):
        for row in rows:
            row.pk = row.id = None
            row.grille = grille
        if rows:
            type(rows[0]).objects.bulk_create(rows)
    return copy


def carnet_child(count: int) -> None:
    """In a fresh process: build a carnet of ``count`` monographs, print seconds and peak MiB."""
    from accounts.models import User
    from monographs.carnet import build_carnet_pdf
    from monographs.models import Carnet

    seeds = seed_projects()[:4]
    projects = [clone(seeds[i % len(seeds)], i) for i in range(count)]
    carnet = Carnet.objects.create(
        title=f"Carnet de {count}", requested_by=User.objects.get(username="admin")
    )
    carnet.projects.set(projects)
    before = peak_mib()
    start, cpu = time.perf_counter(), time.process_time()
    _path, pages = build_carnet_pdf(carnet, lambda percent: None)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{elapsed:.2f} {pages} {peak_mib():.0f} {before:.0f} {cpu:.2f}")


def run_carnet(database: Path, count: int) -> tuple[float, int, float, float]:
    scratch = database.with_name(f"carnet-{count}.sqlite3")
    scratch.write_bytes(database.read_bytes())
    output = subprocess.run(  # noqa: S603 - this very script
        [sys.executable, __file__, "--carnet", str(count), "--database", str(scratch)],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    return float(output[0]), int(output[1]), float(output[2]), float(output[4])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--carnet", type=int)
    parser.add_argument("--database", type=Path)
    args = parser.parse_args()
    if args.carnet:
        setup(args.database, fresh=False)
        carnet_child(args.carnet)
        return

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as workdir:
        database = Path(workdir) / "bench.sqlite3"
        setup(database, fresh=True)
        rows = bench_monographs()
        carnets = {count: run_carnet(database, count) for count in (10, 100)}

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True,
        check=False,
    ).stdout.strip()
    lines = [
        f"## PDF — {datetime.now():%Y-%m-%d %H:%M} — commit {commit} — "
        f"{os.cpu_count()} cœurs, Python {sys.version.split()[0]}",
        "",
        "| monographie | pages | app (s, médiane de 5) | CPU app (s) | WeasyPrint brut (s) "
        "| surcoût app |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {title} | {pages} | {app:.3f} | {cpu:.3f} | {raw:.3f} | "
        f"{100 * (app / raw - 1):+.1f} % |"
        for title, pages, app, raw, cpu in rows
    ]
    one = statistics.median(row[2] for row in rows)
    one_cpu = statistics.median(row[4] for row in rows)
    lines += [
        "",
        "| carnet | pages | secondes | CPU (s) | pic mémoire (Mio) | secondes / monographie "
        "| CPU ÷ (N × CPU d'une monographie) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {count} monographies | {pages} | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | "
        f"{seconds / count:.2f} | {cpu / (count * one_cpu):.2f} |"
        for count, (seconds, pages, peak, cpu) in carnets.items()
    ]
    hundred = carnets[100][0]
    lines += [
        "",
        f"Carnet de 100 : {hundred:.1f} s pour un plafond de 1,2 × 100 × {one:.3f} s = "
        f"{1.2 * 100 * one:.1f} s ; pic mémoire 10 → 100 : {carnets[10][2]:.0f} → "
        f"{carnets[100][2]:.0f} Mio. En CPU (même relevé) : {carnets[100][3]:.1f} s pour "
        f"1,2 × 100 × {one_cpu:.3f} s = {1.2 * 100 * one_cpu:.1f} s.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    results = ROOT / "benchmarks" / "results.md"
    if not results.exists():
        results.write_text("# Résultats des bancs d'essai\n\n")
    with results.open("a") as file:
        file.write(report + "\n")


if __name__ == "__main__":
    main()
