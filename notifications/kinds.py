"""What a notification is about, and how each role hears of it by default.

The app that emits a kind declares it and registers it in its ``AppConfig.ready()``:
this app, below every app that emits, knows kinds only through this registry.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IMMEDIATE = "immediate", _("Tout de suite")
    DIGEST = "digest", _("Dans le résumé quotidien")
    OFF = "off", _("Jamais")


@dataclass(frozen=True)
class Kind:
    """``defaults`` maps an ``accounts.models.Role`` value to a Channel; a role it does not
    name gets ``fallback``."""

    code: str
    label: str
    description: str
    defaults: dict = field(default_factory=dict, hash=False)
    fallback: str = Channel.DIGEST

    def default_for(self, role) -> str:
        return self.defaults.get(role, self.fallback)


_REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Declare a kind once; registering the same code with another declaration is an error."""
    known = _REGISTRY.get(kind.code)
    if known is not None and known != kind:
        raise ValueError(f"Notification kind {kind.code!r} registered twice.")
    _REGISTRY[kind.code] = kind
    return kind


def get(code: str) -> Kind:
    return _REGISTRY[code]


def all_kinds() -> list[Kind]:
    return list(_REGISTRY.values())
