"""Load with writes: `make bench-load`.

On the benchmark database (see bench_web.py), gunicorn with 2 sync workers;
20 client threads (one signed-in admin session each) for 60 s, bounded, mixing
over 200 open ICs: page reads (dashboard, grille), checklist ticks, grille saves
(part 1, with its version) and transitions of the cycle (advance, step back,
suspend, resume; the state sent is read just before, so concurrent clients
collide as two tabs would). Each transition's outcome is read the way a user
reads it: from the message on the next page.

Then the accounting: zero 5xx; for each IC, the TransitionLog rows written
during the run equal the transitions the clients saw succeed (refused or
conflicting ones write none); the log still chains up to each IC's state.
Prints the figures and appends them to benchmarks/results.md.
"""

import argparse
import itertools
import random
import re
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

SUCCESS = "est passée en"
WEIGHTS = {"read": 40, "tick": 20, "grille": 15, "transition": 25}


class Client:
    def __init__(self, port, jar):
        self.port, self.jar = port, jar

    def call(self, method, path, form=None):
        headers = {"Cookie": common.cookie_header(self.jar)}
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.jar.get("csrftoken", "")}
            body = urllib.parse.urlencode(form)
            headers.update({
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{common.HOST}:{self.port}{path}",
            })
        status, response_headers, content = common.request(
            self.port, method, path, body=body, headers=headers, timeout=60
        )
        common.cookies_from(response_headers, self.jar)
        return status, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--ics", type=int, default=200)
    parser.add_argument("--no-append", action="store_true")
    options = parser.parse_args()
    common.setup_django()

    from cycle.models import ChecklistItem, Project
    from cycle.states import PHASES
    from demo import dataset
    from workflows.models import TransitionLog

    ics = list(
        Project.objects.filter(state__in=[p.value for p in PHASES[1:]])
        .order_by("pk").values_list("pk", flat=True)[: options.ics]
    )
    items = {}
    for pk, item in ChecklistItem.objects.filter(project__in=ics).values_list("project", "pk"):
        items.setdefault(pk, []).append(item)
    before = TransitionLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    stats = Counter()
    statuses = Counter()
    successes, refusals = Counter(), Counter()
    latencies: dict[str, list[float]] = {name: [] for name in WEIGHTS}
    lock = threading.Lock()

    def state_of(pk):
        from django.db import connection

        try:
            return Project.objects.filter(pk=pk).values_list("state", flat=True).first()
        finally:
            connection.close()

    def worker(number, client, deadline):
        rng = random.Random(number)  # noqa: S311 - a load pattern, not a secret
        names, weights = list(WEIGHTS), list(WEIGHTS.values())
        while time.monotonic() < deadline:
            action = rng.choices(names, weights)[0]
            pk = rng.choice(ics)
            started = time.monotonic()
            if action == "read":
                path = rng.choice(["/", f"/grilles/{pk}/", "/?view=table&stage=confirmer"])
                calls = [client.call("GET", path)]
            elif action == "tick":
                item = rng.choice(items[pk])
                calls = [client.call("POST", f"/projets/{pk}/liste/{item}/", {
                    "done": "on" if rng.random() < 0.7 else "", "note": f"charge {number}",
                })]
            elif action == "grille":
                status, page = client.call("GET", f"/grilles/{pk}/partie/1/")
                version = re.search(rb'name="version" value="(\d+)"', page)
                calls = [(status, page)]
                if version:
                    calls.append(client.call("POST", f"/grilles/{pk}/partie/1/", {
                        "version": version.group(1).decode(),
                        "partnership_conception": f"Conçue en charge ({number}).",
                        "partnership_implementation": "Mise en œuvre partagée.",
                        "intervenant_system": "Deux intervenants.",
                        "roles_split": "Le chargé de mission anime.",
                    }))
            else:
                name = rng.choice(["advance", "advance", "step_back", "suspend", "resume"])
                calls = [client.call("POST", f"/projets/{pk}/transition/", {
                    "name": name, "state": state_of(pk), "comment": "charge avec écritures",
                })]
                status, page = client.call("GET", f"/grilles/{pk}/")  # the message shows here
                calls.append((status, page))
                succeeded = calls[0][0] == 302 and SUCCESS in page.decode("utf-8", "replace")
                with lock:
                    (successes if succeeded else refusals)[pk] += 1
            elapsed = time.monotonic() - started
            with lock:
                stats[action] += 1
                latencies[action].append(elapsed)
                for status, _content in calls:
                    statuses[status // 100 * 100] += 1
                    stats["requests"] += 1

    with common.gunicorn(workers=2) as port:
        clients = [
            Client(port, common.login(port, f"gen-admin-{n % 20}", dataset.PASSWORD))
            for n in range(options.connections)
        ]
        print(f"{options.connections} clients, {options.duration} s, {len(ics)} IC…",
              flush=True)
        started = time.monotonic()
        deadline = started + options.duration
        threads = [
            threading.Thread(target=worker, args=(n, c, deadline), daemon=True)
            for n, c in enumerate(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=options.duration + 120)
        elapsed = time.monotonic() - started
        stuck = sum(thread.is_alive() for thread in threads)

    logged = Counter(
        TransitionLog.objects.filter(pk__gt=before, project__isnull=False).values_list(
            "object_id", flat=True
        )
    )
    mismatched = {
        pk: (successes[pk], logged[pk]) for pk in set(successes) | set(logged)
        if successes[pk] != logged[pk]
    }
    broken_chains = 0
    for pk in ics:
        logs = list(TransitionLog.objects.filter(project=pk).order_by("at", "pk")
                    .values_list("source", "target"))
        chained = all(b[0] == a[1] for a, b in itertools.pairwise(logs))
        state = Project.objects.filter(pk=pk).values_list("state", flat=True).get()
        if not chained or logs[-1][1] != state:
            broken_chains += 1

    def p(values, q):
        values = sorted(values)
        return 1000 * values[min(len(values) - 1, int(q * len(values)))] if values else 0

    lines = [
        f"{options.connections} clients (threads, une session admin chacun) × "
        f"{options.duration} s bornées, gunicorn 2 workers sync, {len(ics)} IC ouvertes, "
        "jeu « national ».",
        "",
        "| action | nombre | p50 (ms) | p99 (ms) |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {name} | {stats[name]} | {p(latencies[name], 0.5):.0f} "
            f"| {p(latencies[name], 0.99):.0f} |"
            for name in WEIGHTS
        ),
        "",
        f"- requêtes HTTP : {stats['requests']} en {elapsed:.0f} s "
        f"({stats['requests'] / elapsed:.1f} req/s) ; statuts : "
        + ", ".join(f"{k // 100}xx {v}" for k, v in sorted(statuses.items())),
        f"- **5xx : {statuses[500]}**",
        f"- transitions : {sum(successes.values())} réussies, {sum(refusals.values())} "
        f"refusées ou en conflit ; lignes TransitionLog écrites pendant la charge : "
        f"{sum(logged.values())}",
        f"- IC dont les lignes ≠ transitions réussies : **{len(mismatched)}** {mismatched or ''}",
        f"- IC dont l'historique ne s'enchaîne plus jusqu'à l'état : **{broken_chains}**",
        f"- clients bloqués à l'échéance : {stuck}",
        "",
    ]
    ok = statuses[500] == 0 and not mismatched and not broken_chains and not stuck
    lines.append("Résultat : " + ("**conforme**" if ok else "**NON conforme**"))
    heading = (
        f"## Charge avec écritures — {common.now()} — commit {common.commit()} — "
        f"{common.machine()}\n\n"
    )
    text = heading + "\n".join(lines) + "\n"
    print("\n" + text)
    if not options.no_append:
        common.append_results(text)
        print("Ajouté à benchmarks/results.md.")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
