"""Web benchmark: `make bench`.

PostgreSQL database ``dla_ic_bench`` (BENCH_DATABASE_URL) with the national data
set (generated once, then reused), gunicorn with 2 sync workers on 127.0.0.1,
DEBUG off. For each page: wrk, 10 connections, 20 s; then requests/s, p50 and
p99, the gunicorn workers' CPU time per request (from /proc: Python's share, where
the wall time also holds PostgreSQL and queueing), the page's SQL query count
(Django's test client against the same database), and the ratios to the admin
changelist and to the bare view.
Prints a table and appends it to benchmarks/results.md.

Options: --duration (s), --connections, --only NAME (repeatable).
"""

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common


@dataclass
class Page:
    name: str
    username: str
    path: str
    rps: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    requests: int = 0
    errors: int = 0
    queries: int = 0
    status: int = 0
    single: float = 0.0  # one request alone, warm (ms)
    cpu: float = 0.0  # gunicorn workers' CPU time per request under load (ms)


def pages() -> list[Page]:
    """The pages, their users and URLs (resolved in the generated data)."""
    from cycle.models import Project
    from grille.models import Grille, GrilleStatus

    cm, staff, admin = "gen-cm-59-0", "gen-c2ra-32-0", "gen-admin-0"
    from accounts.models import User

    organisation = User.objects.get(username=cm).organisation_id
    own = Project.objects.filter(pilotages__organisation_id=organisation)
    project = own.filter(state="finaliser_mise_en_oeuvre").order_by("pk").first() or own.first()
    grille = (
        Grille.objects.filter(project__in=own, status=GrilleStatus.VALIDATED).order_by("pk").first()
        or Grille.objects.filter(project__in=own).order_by("pk").first()
    )
    return [
        Page("bare view (/sante/nu/)", "", "/sante/nu/"),
        Page("admin changelist of ICs", admin, "/admin/cycle/project/"),
        Page("dashboard, chargé de mission", cm, "/"),
        Page("dashboard, C2RA staff", staff, "/"),
        Page("dashboard, admin (board)", admin, "/"),
        Page("dashboard, admin (table, 5,000 ICs)", admin, "/?view=table&page=3"),
        Page("dashboard, filtered", admin, "/?view=table&region=32&stage=confirmer&o=-budget"),
        # What replaced the 1,500 rendered <option>s: one call per pause in the typing.
        Page("dashboard, firm filter search (admin)", admin,
             "/tableau-de-bord/options/prestataire/?prestataire_q=cabinet+thom"),
        Page("project page", cm, f"/projets/{project.pk}/"),
        Page("grille page", cm, f"/grilles/{grille.project_id}/"),
        Page("directory page (structures)", cm, "/annuaire/structures/?page=2"),
        Page("statistics, C2RA staff", staff, "/statistiques/"),
        Page("statistics, admin (5,000 ICs)", admin, "/statistiques/"),
        Page(
            "statistics, admin filtered",
            admin,
            "/statistiques/?year=2025&ic_type=reponse_collective",
        ),
        Page("library, C2RA staff", staff, "/bibliotheque/"),
        Page("library search, chargé de mission", cm,
             "/bibliotheque/?q=ateliers+collectifs&ic_type=reponse_collective"),
    ]


def index_library() -> None:
    """A data set generated before the library had no index, or entries indexed before
    they had a result card: written once, then reused."""
    from library.models import LibraryEntry
    from library.services import rebuild

    if not LibraryEntry.objects.exists() or LibraryEntry.objects.filter(card={}).exists():
        print(f"Bibliothèque indexée : {rebuild()} monographies.", flush=True)


def count_queries(page: Page) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    client = Client()
    if page.username:
        client.force_login(User.objects.get(username=page.username))
    client.get(page.path)  # warm caches the way a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path)
    page.status = response.status_code
    page.queries = len(queries)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def run_wrk(port: int, page: Page, jar: dict | None, duration: int, connections: int) -> None:
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    if jar:
        command += ["-H", f"Cookie: {common.cookie_header(jar)}"]
    command.append(f"http://{common.HOST}:{port}{page.path}")
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=duration + 60, check=True
    ).stdout
    page.rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    page.requests = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = re.search(r"\s50%\s+(\S+)", output)
    p99 = re.search(r"\s99%\s+(\S+)", output)
    page.p50 = _ms(p50.group(1)) if p50 else float("nan")
    page.p99 = _ms(p99.group(1)) if p99 else float("nan")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    page.errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        int(timeouts.group(1)) if timeouts else 0
    )


def drain(port: int, limit: float = 300) -> None:
    """Wait (bounded) until the workers have served what wrk left queued."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if common.request(port, "GET", "/sante/nu/", timeout=10)[0] == 200:
                return
        except OSError:
            pass
    raise SystemExit("Le serveur ne répond plus après la charge.")


def table(results: list[Page], duration: int, connections: int) -> str:
    # With --only, the references may be missing: ratios are then left out.
    admin = next((p for p in results if p.path.startswith("/admin/")), Page("", "", ""))
    bare = next((p for p in results if p.path == "/sante/nu/"), Page("", "", ""))
    lines = [
        f"wrk {connections} connexions × {duration} s par page, gunicorn 2 workers sync, "
        "DEBUG off, jeu « national » (graine 1).",
        "",
        "| page | URL | req/s | p50 (ms) | p99 (ms) | seule (ms) | CPU/req (ms) | requêtes SQL "
        "| × changelist admin | % vue nue | erreurs |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for p in results:
        times_admin = f"{p.rps / admin.rps:.1f}" if admin.rps else "–"
        share_bare = f"{100 * p.rps / bare.rps:.1f} %" if bare.rps else "–"
        lines.append(
            f"| {p.name} | `{p.path}` | {p.rps:.1f} | {ms(p.p50, p.requests)} "
            f"| {ms(p.p99, p.requests)} | {p.single:.0f} | {p.cpu:.1f} | {p.queries} "
            f"| {times_admin} | {share_bare} | {p.errors} |"
        )
    verdicts = []
    for p in results:
        if p in (admin, bare):
            continue
        missed = []
        if admin.rps and p.rps < 5 * admin.rps:
            missed.append(f"< 5× admin ({p.rps / admin.rps:.1f}×)")
        if not p.requests or not p.p99 < 250:
            missed.append(f"p99 {p.p99:.0f} ms ≥ 250")
        if bare.rps and p.rps < 0.1 * bare.rps:
            missed.append(f"visée 10 % de la vue nue non atteinte ({100 * p.rps / bare.rps:.1f} %)")
        verdicts.append(f"- {p.name} : " + ("; ".join(missed) if missed else "objectifs atteints"))
    return "\n".join([*lines, "", *verdicts, ""])


def ms(value: float, requests: int) -> str:
    return f"{value:.0f}" if requests else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--no-append", action="store_true")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk manque : apt-get install -y wrk")
    common.setup_django()
    index_library()
    from demo import dataset

    results = [p for p in pages() if not options.only or any(o in p.name for o in options.only)]
    for page in results:
        count_queries(page)
        if page.status != 200:
            raise SystemExit(f"{page.name} : HTTP {page.status} pour {page.path}")
    server = {}
    with common.gunicorn(workers=2, on_start=lambda pid: server.update(pid=pid)) as port:
        sessions = {}
        for page in results:
            if page.username and page.username not in sessions:
                sessions[page.username] = common.login(port, page.username, dataset.PASSWORD)
            jar = sessions.get(page.username)
            headers = {"Cookie": common.cookie_header(jar)} if jar else {}
            for _warm in range(2):
                started = time.monotonic()
                status, _h, _b = common.request(
                    port, "GET", page.path, headers=headers, timeout=300
                )
                page.single = 1000 * (time.monotonic() - started)
            if status != 200:
                raise SystemExit(f"{page.name} : HTTP {status} sous gunicorn")
            print(f"… {page.name} ({page.path}), seule : {page.single:.0f} ms", flush=True)
            cpu_before = common.workers_cpu_seconds(server["pid"])
            run_wrk(port, page, jar, options.duration, options.connections)
            drain(port)
            spent = common.workers_cpu_seconds(server["pid"]) - cpu_before
            page.cpu = 1000 * spent / page.requests if page.requests else float("nan")
            print(
                f"   {page.rps:.1f} req/s, p50 {page.p50:.0f} ms, p99 {page.p99:.0f} ms, "
                f"CPU {page.cpu:.1f} ms/req, {page.queries} requêtes SQL",
                flush=True,
            )
    text = table(results, options.duration, options.connections)
    heading = f"## Web — {common.now()} — commit {common.commit()} — {common.machine()}\n\n"
    print("\n" + heading + text)
    if not options.no_append and not options.only:
        common.append_results(heading + text)
        print("Ajouté à benchmarks/results.md.")


if __name__ == "__main__":
    main()
