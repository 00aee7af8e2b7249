"""The statistics: C2RA staff (their region) and admins; the national workbook: admins."""

from .base import Access

DENIED = {
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
STATISTICS = {**DENIED, "c2ra": 200}

ACCESS = {
    "stats:statistics": Access(kwargs={}, get=STATISTICS),
    "stats:figure_csv": Access(kwargs={"key": "literal:types"}, get=STATISTICS),
    "stats:figure_xlsx": Access(kwargs={"key": "literal:motifs"}, get=STATISTICS),
    "stats:national": Access(kwargs={}, get=DENIED),
}
SAMPLES = {}
