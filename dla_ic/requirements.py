"""One business rule, one French message; "what is missing" is a list of those messages.

A ``Requirement`` is declared once, in the lowest app that owns the fact it checks,
and every consumer (a cycle guard, the grille's completeness, issuing the cahier des
charges, opening a call) asks it the same way: ``requirement.missing(subject)`` is
``[]`` when the rule holds, else ``[its message]``. Lists of such messages add up with
``missing(subject, requirements)``; ``TransitionRefused(missing)`` carries them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Requirement:
    """A rule: ``test(subject)`` holds, else ``message`` says, in French, what to do.

    ``message`` is a lazy translation; with ``details(subject) -> dict`` it is a format
    whose ``%(name)s`` placeholders describe the subject (a total, a list of names).
    """

    message: Any
    test: Callable[[Any], Any]
    details: Callable[[Any], dict] | None = None

    def met(self, subject) -> bool:
        return bool(self.test(subject))

    def text(self, subject=None) -> str:
        if self.details is None:
            return str(self.message)
        return str(self.message) % self.details(subject)

    def missing(self, subject) -> list[str]:
        return [] if self.met(subject) else [self.text(subject)]

    __call__ = missing


def missing(subject, requirements: Iterable[Callable[[Any], list[str]]]) -> list[str]:
    """Every message of ``requirements`` (or of checks returning lists) ``subject`` lacks."""
    return [message for requirement in requirements for message in requirement(subject)]
