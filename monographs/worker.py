"""The background worker's heartbeat: a row it refreshes, that every web host reads.

A row in the database rather than a file: the web hosts and the workers share the
database whatever the storage (a shared volume or an S3-compatible store), and one
small UPDATE every BEAT_EVERY seconds costs nothing beside the task queue's polling.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import DatabaseError, connection
from django.utils import timezone

from .models import SILENT_AFTER, WorkerBeat

logger = logging.getLogger(__name__)

BEAT_EVERY = 15  # seconds between two beats (SILENT_AFTER: models)
__all__ = ["SILENT_AFTER", "alive", "beat", "keep_beating", "silence"]
FORGET_AFTER = timedelta(days=1)  # a stopped worker's row is removed by the next beat


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def beat() -> None:
    now = timezone.now()
    WorkerBeat.objects.update_or_create(worker=worker_name(), defaults={"beat_at": now})
    WorkerBeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()


def silence() -> float | None:
    return WorkerBeat.objects.silence()


def alive() -> bool:
    return WorkerBeat.objects.alive()


def keep_beating() -> threading.Event:
    """Beat now and every BEAT_EVERY seconds until the returned event is set."""
    stop = threading.Event()

    def run():
        while not stop.wait(BEAT_EVERY):
            try:
                beat()
            except DatabaseError:  # the database is away: the next beat says it again
                logger.warning("worker heartbeat not written", exc_info=True)
            finally:
                connection.close()  # this thread's own connection

    beat()
    threading.Thread(target=run, name="worker-heartbeat", daemon=True).start()
    return stop
