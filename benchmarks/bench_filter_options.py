"""The dashboard's long filters (issue 20): `python benchmarks/bench_filter_options.py`.

On the benchmark database (BENCH_DATABASE_URL, national data set; see common.py), in this
process, lists cached as in production: the filter bar rendered alone, the whole dashboard
through Django's test client, and the search endpoint (cycle:filter_options, when the
commit has it) for a chargé de mission, a C2RA and an admin. Prints medians (wall and
process CPU) and sizes; read-only.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

USERS = ("gen-cm-59-0", "gen-c2ra-32-0", "gen-admin-0")
SEARCHES = (("prestataire", "cab"), ("prestataire", "ecole conseil"), ("organisation", "dla"))
REPEAT = 15


def medians(action):
    action()  # the lists cached, the session pushed
    wall, cpu = [], []
    for _ in range(REPEAT):
        started, used = time.perf_counter(), time.process_time()
        result = action()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(wall), statistics.median(cpu), result


def main():
    common.setup_django()
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory
    from django.urls import NoReverseMatch, reverse

    from accounts.models import User
    from cycle.views.dashboard import filtered_projects

    print("| compte | mesure | médiane (ms) | CPU (ms) | <option> | taille |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for username in USERS:
        user = User.objects.get(username=username)
        request = RequestFactory().get("/")
        request.user = user

        def bar(request=request):
            filterset = filtered_projects(request)
            return render_to_string(
                "cycle/includes/dashboard_filters.html",
                {"filterset": filterset, "view": "board"}, request=request,
            ).encode()

        client = Client()
        client.force_login(user)
        rows = [("barre de filtres", bar), ("page /", lambda c=client: c.get("/").content)]
        for name, query in SEARCHES:
            try:
                url = reverse("cycle:filter_options", args=[name])
            except NoReverseMatch:
                break
            rows.append((
                f"options {name} « {query} »",
                lambda c=client, u=url, n=name, q=query: c.get(u, {f"{n}_q": q}).content,
            ))
        for label, action in rows:
            wall, cpu, body = medians(action)
            print(f"| {username} | {label} | {wall:.1f} | {cpu:.1f} | "
                  f"{body.count(b'<option')} | {len(body) / 1024:.1f} Kio |")


if __name__ == "__main__":
    main()
