"""What the apps above the grille propose for it (issue 21), registered from their
AppConfig.ready(): the grille never imports them.

- themes: the codes of the themes expected by the cahier des charges (monographs).

Each provider takes the IC and answers an empty list when it has nothing to say; the first
that answers something wins.
"""

from collections.abc import Callable

_THEMES: list[Callable] = []


def register_themes(provider: Callable) -> None:
    if provider not in _THEMES:
        _THEMES.append(provider)


def _first(providers, project) -> list:
    for provider in providers:
        if answer := provider(project):
            return list(answer)
    return []


def proposed_themes(project) -> list[str]:
    return _first(_THEMES, project)
