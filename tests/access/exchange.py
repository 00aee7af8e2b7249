"""The IC's exchanges: its DLA team (pilots, the region's C2RA, admins), the intervenants of
the chosen firm and the representatives of its committed structures each see the threads of
their levels (the sample thread is « tous »); anyone else is told nothing (404). The private
notes: the DLA team only."""

from .base import Access

PROJECT = {"pk": "project"}
THREAD = {"pk": "project", "thread_pk": "exchange_thread"}
READERS = {
    "anonymous": 302,
    "charge_mission": 200,
    "other_charge_mission": 404,
    "c2ra": 200,
    "intervenant": 200,  # its firm is chosen for the sample IC
    "other_intervenant": 404,
    "structure": 200,  # its structure is committed to the sample IC
    "other_structure": 404,
    "admin": 200,
}
POST_ONLY = {**dict.fromkeys(READERS, 405), "anonymous": 302}
# Marked read, then back to the thread (the page's htmx call gets a 204 instead).
MARKERS = {**READERS, **{role: 302 for role, code in READERS.items() if code == 200}}
TEAM = {**READERS, "intervenant": 404, "structure": 404}


def _thread(samples):
    from cycle.audiences import Visibility
    from tests.exchange.factories import post, upload

    project = samples["project"]
    return post(project.created_by, project, Visibility.ALL, files=[upload()]).thread


def _attachment(samples):
    return samples["exchange_thread"].messages.get().attachments.get()


ACCESS = {
    # An empty form: its errors shown again, nothing written.
    "exchange:project": Access(kwargs=PROJECT, get=READERS, post=READERS, data={}),
    "exchange:thread": Access(kwargs=THREAD, get=READERS, post=READERS, data={}),
    "exchange:thread_read": Access(kwargs=THREAD, get=POST_ONLY, post=MARKERS),
    "exchange:note_create": Access(kwargs=PROJECT, get=POST_ONLY, post=TEAM, data={}),
    "exchange:attachment": Access(kwargs={"pk": "exchange_attachment"}, get=READERS),
}
def _note(samples):
    from exchange import services

    project = samples["project"]
    return services.write_note(by=project.created_by, project=project, body="À relancer")


# The message and note serve the admin's table (tests/access/admin.py).
SAMPLES = {
    "exchange_thread": _thread,
    "exchange_attachment": _attachment,
    "exchange_message": lambda s: s["exchange_thread"].messages.get(),
    "exchange_note": _note,
}
