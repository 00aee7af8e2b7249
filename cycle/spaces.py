"""Sections the apps above add to a structure's « Espace structure » (the dossier's shared
documents, later the messages): each registers from its ``AppConfig.ready()`` a function
(user, project) -> dict with a ``template`` and its context, or None to add nothing. The
space has already checked the user reaches the IC; a section stays a constant number of
queries and shows only what is shared with the structures."""

from collections.abc import Callable

Section = Callable[..., dict | None]
SECTIONS: list[Section] = []


def register_section(fn: Section) -> Section:
    """Add ``fn`` once (a ready() run twice registers nothing twice)."""
    if fn not in SECTIONS:
        SECTIONS.append(fn)
    return fn


def sections(user, project) -> list[dict]:
    return [section for fn in SECTIONS if (section := fn(user, project)) is not None]
