"""Links an app above the IC adds to the IC's page and « Espace structure » (the exchanges).

The app registers, from its ``AppConfig.ready()``, a function ``(user, project) -> PageLink |
None``; the cycle never imports it. It is called only for a person the cycle's rules let see
that page (``visible_q`` for the IC's page, ``structure_space_q`` for the « Espace structure »).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str
    badge: str = ""  # e.g. an unread count
    badge_label: str = ""  # what the badge means, for screen readers
    testid: str = ""


SOURCES: list[Callable] = []


def register(source: Callable) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def links_for(user, project) -> list[PageLink]:
    return [link for source in SOURCES if (link := source(user, project)) is not None]
