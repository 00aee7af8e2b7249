"""Site-wide pages (dla_ic/urls.py): the health checks are public and never redirect; the
favicon is public and moves permanently to its static file."""

from .base import ROLES, Access

EVERYONE = dict.fromkeys(ROLES, 200)

ACCESS = {
    "favicon": Access(
        kwargs={}, get=dict.fromkeys(ROLES, 301), post=dict.fromkeys(ROLES, 405)
    ),
    "health": Access(kwargs={}, get=EVERYONE, post=dict.fromkeys(ROLES, 405)),
    "health_bare": Access(kwargs={}, get=EVERYONE, post=dict.fromkeys(ROLES, 405)),
}
SAMPLES = {}
