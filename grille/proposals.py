"""What the apps above the grille propose for it (issue 21), registered from their
AppConfig.ready(): the grille never imports them.

- themes: the codes of the themes expected by the cahier des charges (monographs);
- phases: the phases of the chosen offer (tenders), else the IC's planned phases (the
  cycle, below the grille, read directly); ``linked`` ties each to the planned phase of
  its title, so that this phase's sessions give its days.

Each provider takes the IC and answers an empty list when it has nothing to say; the first
that answers something wins.
"""

from collections.abc import Callable

from cycle.models import PlannedPhase
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


def linked(project, rows: list[dict]) -> list[dict]:
    """``rows`` (proposed phases), each with ``planned_phase``: the id of the IC's planned
    phase of the same title (an offer's phases are proposed from them), each linked once."""
    if not rows:
        return []
    by_title = {}
    for pk, title in PlannedPhase.objects.filter(project=project).order_by(
        "position", "pk"
    ).values_list("pk", "title"):
        by_title.setdefault(title.strip().casefold(), pk)
    return [
        {**row, "planned_phase": by_title.pop(row["title"].strip().casefold(), None)}
        for row in rows
    ]
