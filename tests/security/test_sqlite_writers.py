"""`make run` on SQLite: the web server and the task worker write the same file.

The defect: with Django's defaults (deferred transactions, rollback journal) two
processes that read then write in a transaction deadlock on SQLite's lock upgrade,
and one fails at once with « database is locked » (no timeout helps). The settings'
SQLite options (WAL, busy timeout, BEGIN IMMEDIATE) make every such write wait its
turn instead. And when a write does fail, the 503 page does not claim the posted
form was kept.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

WRITER = Path(__file__).with_name("sqlite_writer.py")
PROCESSES, WRITES = 4, 40


def run_writers(db_path, *extra):
    """PROCESSES Django processes on the real settings, each WRITES read-then-write
    transactions on one counter; their exit codes and errors."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}"}
    env.pop("DJANGO_PRODUCTION", None)
    subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(WRITER), "create", *extra], env=env, check=True, timeout=60,
    )
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, str(WRITER), "write", str(WRITES), *extra],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = [(w.wait(timeout=120), w.stderr.read()) for w in workers]
    for worker in workers:
        worker.stdout.close()
        worker.stderr.close()
    total = subprocess.run(  # noqa: S603
        [sys.executable, str(WRITER), "count", *extra], env=env, check=True,
        capture_output=True, text=True, timeout=60,
    ).stdout
    return results, int(total)


def test_the_defaults_lose_writes_so_the_test_can_fail(tmp_path):
    results, total = run_writers(tmp_path / "plain.sqlite3", "--django-defaults")
    assert any("database is locked" in errors for _code, errors in results)
    assert total < PROCESSES * WRITES


def test_concurrent_writers_never_lose_a_write_with_the_settings(tmp_path):
    results, total = run_writers(tmp_path / "db.sqlite3")
    assert [code for code, _errors in results] == [0] * PROCESSES, results
    assert total == PROCESSES * WRITES


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls_boom")
def test_the_503_page_after_a_post_does_not_claim_the_form_was_kept(charge_mission):
    client = Client(raise_request_exception=False)
    client.force_login(charge_mission)

    posted = client.post("/boum/base/", {"title": "Saisie"}).content.decode()
    read = client.get("/boum/base/").content.decode()

    assert "ne sont pas perdues" not in posted
    assert "n&#x27;a pas été enregistré" in posted or "n'a pas été enregistré" in posted
    assert "déjà enregistrées ne sont pas perdues" in read
