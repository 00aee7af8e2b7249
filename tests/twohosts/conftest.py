"""Two gunicorn hosts, one worker, one PostgreSQL test database and one Redis database."""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

# Reused from the tenders' tests: an IC with an open call for tenders and two firms.
from tests.tenders.conftest import (  # noqa: F401
    alpha,
    alpha_user,
    beta,
    beta_user,
    issued,
    open_call,
)

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
REDIS_PORT = 6379
REDIS_DB = 14  # a database of its own, emptied before and after


def redis_answers() -> bool:
    try:
        with socket.create_connection((HOST, REDIS_PORT), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The test database the test process uses (pytest-django created it)."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgres://{db['USER']}{password}@{db['HOST'] or HOST}:{db['PORT'] or 5432}"
            f"/{db['NAME']}")


def flush_redis():
    import redis

    redis.Redis(host=HOST, port=REDIS_PORT, db=REDIS_DB).flushdb()


class Browser:
    """One person's browser: its cookies go to whichever host the proxy picks."""

    def __init__(self, address: str):
        self.cookies: dict[str, str] = {}
        self.address = address  # X-Forwarded-For, as the reverse proxy appends it

    def request(self, port, method, path, body=None, content_type=None):
        headers = {"X-Forwarded-For": self.address, "Host": f"{HOST}:{port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        if method == "POST":
            headers["Referer"] = f"http://{HOST}:{port}{path}"
        conn = HTTPConnection(HOST, port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), content

    def get(self, port, path):
        return self.request(port, "GET", path)

    def csrf(self, port, path) -> str:
        status, _headers, content = self.get(port, path)
        assert status == 200, (path, status)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)[1].decode()

    def post(self, port, path, data: dict, form_page: str | None = None):
        """Posts the form found on ``form_page`` (by default ``path`` itself)."""
        data = {"csrfmiddlewaretoken": self.csrf(port, form_page or path), **data}
        return self.request(port, "POST", path, urlencode(data, doseq=True),
                            "application/x-www-form-urlencoded")

    def post_multipart(self, port, path, data: dict, files: dict):
        data = {"csrfmiddlewaretoken": self.csrf(port, path), **data}
        boundary = uuid.uuid4().hex
        parts = []
        for name, values in data.items():
            for value in values if isinstance(values, list) else [values]:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                             f"\r\n\r\n{value}\r\n".encode())
        for name, (file_name, content) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'
                         .encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(port, "POST", path, b"".join(parts),
                            f"multipart/form-data; boundary={boundary}")


def _environment(private_root: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_CACHE_URL": f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}",
        "DJANGO_PRIVATE_ROOT": str(private_root),  # the volume both hosts mount
        "DJANGO_DEBUG": "0",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DJANGO_CONN_MAX_AGE": "0",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_PRODUCTION", None)  # production would redirect to HTTPS
    return env


def _wait_for(port: int, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on {port} stopped: {process.returncode}")
        try:
            HTTPConnection(HOST, port, timeout=2).request("GET", "/sante/nu/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on {port} did not start in 60 s")


def _start(processes: list, command: list[str], env: dict):
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    processes.append(process)
    return process


def _stop(processes: list) -> None:
    """All at once: the worker and gunicorn each wait a little for their work in hand."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def hosts(transactional_db, tmp_path, settings):
    """(port A, port B): two gunicorn hosts and one task worker, sharing PostgreSQL, Redis
    and the private files' volume. Torn down after the test."""
    if connection.vendor != "postgresql":
        pytest.skip("Deux hôtes : PostgreSQL seulement (SQLite n'est qu'un fichier local).")
    if not redis_answers():
        pytest.fail(f"Redis ne répond pas sur {HOST}:{REDIS_PORT} (redis-server --daemonize yes).")
    settings.PRIVATE_ROOT = tmp_path / "private"  # the test process reads the same volume
    # The hosts check passwords with the production hashers, not the tests' fast MD5.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    flush_redis()
    env = _environment(settings.PRIVATE_ROOT)
    processes = []
    with ExitStack() as stack:
        stack.callback(flush_redis)
        stack.callback(_stop, processes)
        ports = free_port(), free_port()
        servers = [
            _start(processes, [str(BIN / "gunicorn"), "dla_ic.wsgi:application", "--workers", "1",
                           "--bind", f"{HOST}:{port}", "--timeout", "120",
                           "--log-level", "warning", "--no-control-socket"], env)
            for port in ports
        ]
        _start(processes, [str(BIN / "python"), "manage.py", "run_worker", "--interval", "1",
                       "--no-startup-delay"], env)
        for port, server in zip(ports, servers, strict=True):
            _wait_for(port, server)
        yield ports
