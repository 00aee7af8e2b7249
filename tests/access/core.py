"""Site-wide pages (dla_ic/urls.py): the health checks are public and never redirect; the
favicon is public too."""

from .base import ROLES, Access

EVERYONE = dict.fromkeys(ROLES, 200)

ACCESS = {
    "favicon": Access(kwargs={}, get=EVERYONE, post=dict.fromkeys(ROLES, 405)),
    "health": Access(kwargs={}, get=EVERYONE, post=dict.fromkeys(ROLES, 405)),
    "health_bare": Access(kwargs={}, get=EVERYONE, post=dict.fromkeys(ROLES, 405)),
}
SAMPLES = {}
