"""The dashboard and its exports: every signed-in role has a dashboard (a structure's
representative: the list of their ICs); intervenants and representatives no export."""

from .base import ROLES, Access

SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}
EXPORTERS = {
    **SIGNED_IN, "intervenant": 403, "other_intervenant": 403, "structure": 403,
    "other_structure": 403,
}

ACCESS = {
    "cycle:home": Access(kwargs={}, get=SIGNED_IN),
    "cycle:export_csv": Access(kwargs={}, get=EXPORTERS),
    "cycle:export_xlsx": Access(kwargs={}, get=EXPORTERS),
}
SAMPLES = {}
