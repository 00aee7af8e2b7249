"""Django's admin: admins only; the walker checks its index, the IC changelist and the
exchanges' changelists and change pages."""

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
EXCHANGE = {
    "thread": "exchange_thread",
    "message": "exchange_message",
    "attachment": "exchange_attachment",
    "note": "exchange_note",
}
for model, sample in EXCHANGE.items():
    ACCESS[f"admin:exchange_{model}_changelist"] = Access(kwargs={}, get=ONLY_ADMIN)
    ACCESS[f"admin:exchange_{model}_change"] = Access(
        kwargs={"object_id": sample}, get=ONLY_ADMIN
    )

SAMPLES = {}  # the exchanges' samples: tests/access/exchange.py
