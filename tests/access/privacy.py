"""RGPD: the register and the subject-access export are the admins'; an IC's retention,
whoever reads its page."""

from .admin import ONLY_ADMIN
from .base import Access
from .cycle_projects import PROJECT, READERS

ADMINS = {
    "anonymous": 302,
    "charge_mission": 403,
    "other_charge_mission": 403,
    "c2ra": 403,
    "intervenant": 403,
    "other_intervenant": 403,
    "structure": 403,
    "other_structure": 403,
    "admin": 200,
}

ACCESS = {
    "privacy:register": Access(kwargs={}, get=ADMINS),
    "privacy:subject_export": Access(
        kwargs={}, get=ADMINS, post=ADMINS, data={"email": "personne@example.org"}
    ),
    "privacy:project_retention": Access(kwargs=PROJECT, get=READERS),
    # The anonymisation log, read-only, in Django's admin (links to the two pages above).
    "admin:privacy_anonymisationlog_changelist": Access(kwargs={}, get=ONLY_ADMIN),
}
SAMPLES = {}
