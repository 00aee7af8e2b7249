"""The IC's history: its events, and the steps apps above the IC add to it.

An app above the IC (the grille) registers, from its ``AppConfig.ready()``, a source:
project -> its events; the cycle never imports it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass
class Event:
    at: datetime
    kind: str  # transition, tick, grille, edit
    title: str
    by: object = None
    comment: str = ""


SOURCES: list[Callable[[object], Iterable[Event]]] = []


def register(source: Callable[[object], Iterable[Event]]) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def registered_events(project) -> list[Event]:
    return [event for source in SOURCES for event in source(project)]
