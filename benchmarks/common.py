"""What the web benchmarks share: the PostgreSQL database with the national data set,
a gunicorn server on a free local port, and signed-in sessions.

Traffic goes to 127.0.0.1 only; every wait is bounded.
"""

import http.client
import os
import platform
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dla_ic_bench"
SCALE, SEED = "national", 1
# PostgreSQL's JIT compiles the dashboard's queries on every execution (their estimated
# cost passes jit_above_cost): 118 ms of JIT for a 25 ms query. Off for OLTP, as
# recommended for production (libpq reads PGOPTIONS). BENCH_PGOPTIONS="" to measure it on.
PGOPTIONS = os.environ.get("BENCH_PGOPTIONS", "-c jit=off")


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def create_database(url: str) -> None:
    """CREATE DATABASE if it does not exist (connects to the server's ``postgres`` base)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Base {name} créée.")


def setup_django() -> None:
    """Django in this process, on the benchmark database (queries are counted here)."""
    url = database_url()
    create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["PGOPTIONS"] = PGOPTIONS
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dla_ic.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from demo import dataset

    marker = dataset.generated_marker()
    wanted = f"{SCALE}:{SEED}"
    if marker == wanted:
        print(f"Jeu de données « {wanted} » déjà présent : réutilisé.")
        return
    if marker is not None or dataset.foreign_data():
        raise SystemExit(
            f"La base {url} contient d'autres données ({marker or 'non générées'}) : "
            "videz-la (dropdb) ou choisissez BENCH_DATABASE_URL."
        )
    print(f"Génération du jeu « {wanted} » (une fois ; ~1 min 30)…")
    started = time.monotonic()
    call_command("generate_dataset", scale=SCALE, seed=SEED)
    print(f"Généré en {time.monotonic() - started:.0f} s.")
    # As autovacuum would leave it on a server: statistics and visibility map up to date.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def workers_cpu_seconds(master_pid: int) -> float:
    """User + system CPU time of the gunicorn master's children (the workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    for pid in children.read_text().split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 2, on_start=None):
    """gunicorn (sync workers) on a free local port, DEBUG off, no SSL redirect.

    ``on_start(pid)`` receives the master's process id (to read its workers' CPU time).
    """
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_DEBUG": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
        "PGOPTIONS": PGOPTIONS,
    }
    env.pop("DJANGO_PRODUCTION", None)  # production would redirect to HTTPS
    process = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "dla_ic.wsgi:application", "--workers", str(workers),
         "--worker-class", "sync", "--bind", f"{HOST}:{port}", "--timeout", "120",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _h, _b = request(port, "GET", "/sante/nu/")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("gunicorn n'a pas démarré en 30 s.")
            time.sleep(0.2)
        if on_start:
            on_start(process.pid)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def request(port, method, path, *, body=None, headers=None, timeout=60):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def cookies_from(headers, jar: dict) -> dict:
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _sep, rest = value.partition("=")
            jar[key.strip()] = rest.split(";", 1)[0]
    return jar


def cookie_header(jar: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def login(port: int, username: str, password: str) -> dict:
    """Sign in through the real login form (CSRF token and all); returns the cookies."""
    jar: dict = {}
    _status, headers, body = request(port, "GET", "/comptes/login/")
    cookies_from(headers, jar)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({
        "username": username, "password": password, "csrfmiddlewaretoken": token,
    })
    status, headers, _body = request(port, "POST", "/comptes/login/", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie_header(jar),
        "Referer": f"http://{HOST}:{port}/comptes/login/",
    })
    cookies_from(headers, jar)
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"Connexion de {username} refusée (HTTP {status}).")
    return jar


def csrf_token(port: int, jar: dict, path: str) -> str:
    _status, headers, body = request(port, "GET", path, headers={"Cookie": cookie_header(jar)})
    cookies_from(headers, jar)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    return match.group(1).decode() if match else jar.get("csrftoken", "")


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} Gio"
    except (OSError, ValueError, IndexError):
        pass
    server = ""
    try:
        from django.db import connection

        server = f", PostgreSQL {connection.cursor().connection.info.server_version // 10000}"
    except Exception:  # noqa: S110 - the machine line is informative only
        pass
    return (f"{os.cpu_count()} cœurs {cpu}{memory}, Python {platform.python_version()}"
            f"{server}")


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT, capture_output=True, text=True, timeout=10, check=False,
        ).stdout.strip() or "?"
    except OSError:
        return "?"


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def append_results(text: str) -> None:
    with open(ROOT / "benchmarks" / "results.md", "a", encoding="utf-8") as results:
        results.write("\n" + text)
