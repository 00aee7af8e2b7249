"""Django's admin: admins only; the walker checks its index and the IC changelist."""

from .base import Access

ONLY_ADMIN = {
    "anonymous": 302,
    "charge_mission": 302,
    "other_charge_mission": 302,
    "c2ra": 302,
    "intervenant": 302,
    "other_intervenant": 302,
    "structure": 302,
    "other_structure": 302,
    "admin": 200,
}

ACCESS = {
    "admin:index": Access(kwargs={}, get=ONLY_ADMIN),
    "admin:cycle_project_changelist": Access(kwargs={}, get=ONLY_ADMIN),
    "admin:cycle_project_change": Access(kwargs={"object_id": "project"}, get=ONLY_ADMIN),
}
SAMPLES = {}
