"""The background worker's heartbeat: a file it touches, that the web server reads.

The worker and the web server already share PRIVATE_ROOT (the worker writes
the carnets the web server serves), so a file's modification time says when
the worker was last alive, without a database write every few seconds.
"""

import threading
import time
from pathlib import Path

from django.conf import settings

BEAT_EVERY = 15  # seconds between two beats
SILENT_AFTER = 60  # seconds without a beat: no worker is running


def heartbeat_path() -> Path:
    return Path(settings.PRIVATE_ROOT) / "worker.heartbeat"


def beat() -> None:
    path = heartbeat_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def silence() -> float | None:
    """Seconds since the worker's last beat, None if it never beat."""
    try:
        return max(0.0, time.time() - heartbeat_path().stat().st_mtime)
    except FileNotFoundError:
        return None


def alive() -> bool:
    quiet = silence()
    return quiet is not None and quiet <= SILENT_AFTER


def keep_beating() -> threading.Event:
    """Beat now and every BEAT_EVERY seconds until the returned event is set."""
    stop = threading.Event()

    def run():
        while not stop.wait(BEAT_EVERY):
            beat()

    beat()
    threading.Thread(target=run, name="worker-heartbeat", daemon=True).start()
    return stop
