"""The dashboard and its exports: every signed-in role has a dashboard (a structure's
representative: the list of their ICs); intervenants and representatives no export.

The long filters' search (cycle:filter_options) answers every signed-in role with the
entries of their own ICs only; a structure's representative, who has no filters, with
none (tests/cycle/test_dashboard_filter_search.py checks the lists)."""

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
    "cycle:filter_options": Access(kwargs={"name": "literal:prestataire"}, get=SIGNED_IN),
}
SAMPLES = {}
