"""What the apps above the grille propose for it (issue 21), registered from their
AppConfig.ready(): the grille never imports them.

- themes: the codes of the themes expected by the cahier des charges (monographs);
- phases: the phases of the chosen offer (tenders), else the IC's planned phases (the
  cycle, below the grille, read directly).

Each provider takes the IC and answers an empty list when it has nothing to say; the first
that answers something wins.
"""

from collections.abc import Callable

from cycle.selectors import planned_phases

_THEMES: list[Callable] = []
_PHASES: list[Callable] = []


def register_themes(provider: Callable) -> None:
    if provider not in _THEMES:
        _THEMES.append(provider)


def register_phases(provider: Callable) -> None:
    if provider not in _PHASES:
        _PHASES.append(provider)


def _first(providers, project) -> list:
    for provider in providers:
        if answer := provider(project):
            return list(answer)
    return []


def proposed_themes(project) -> list[str]:
    return _first(_THEMES, project)


def proposed_phases(project) -> list[dict]:
    """[{"title", "days"}…]: the chosen offer's, else the IC's planned phases."""
    return _first([*_PHASES, planned_phases], project)
