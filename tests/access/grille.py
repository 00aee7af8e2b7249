"""The grille d'enquête: its readers see it, its authors fill it in, its pilots review it.

Readers: the IC's chargé de mission, the C2RA of its region, the assigned firm's
intervenant, admins. Anyone else: 404. A reader who may not write (C2RA) gets 403
on a POST. A sample grille exists (a draft), so GETs write nothing.
"""

from grille.models import Grille

from .base import Access

GRILLE = {"project_pk": "project"}
READERS = {
    "anonymous": 302,
    "charge_mission": 200,
    "other_charge_mission": 404,
    "c2ra": 200,
    "intervenant": 200,
    "other_intervenant": 404,
    # A structure's representative never reaches the grille, even of their own IC.
    "structure": 404,
    "other_structure": 404,
    "admin": 200,
}
# A draft saved (302 back to the page), or a workflow step tried (302 to the overview with
# a message: the sample grille is incomplete, so "submit" is refused but nothing breaks).
WRITERS = {**READERS, "charge_mission": 302, "c2ra": 403, "intervenant": 302, "admin": 302}
# GET on a POST-only URL: 405 before any lookup (so it tells nothing about the IC).
POST_ONLY = {**dict.fromkeys(READERS, 405), "anonymous": 302}


def _part(number: int) -> Access:
    return Access(
        kwargs={**GRILLE, "part": f"literal:{number}"}, get=READERS, post=WRITERS,
        data={"version": "1"} if number != 2 else {
            "version": "1", "phases-TOTAL_FORMS": "0", "phases-INITIAL_FORMS": "0",
        },
    )


ACCESS = {
    "grille:overview": Access(kwargs=GRILLE, get=READERS),
    "grille:part": _part(1),
    # The date the grille is expected back: the IC's chargés de mission (and admins) only.
    "grille:expected_return": Access(
        kwargs=GRILLE, get=POST_ONLY, post={**WRITERS, "intervenant": 403},
        data={"version": "1", "expected_return_on": "2027-01-15"},
    ),
    "grille:transition": Access(
        kwargs=GRILLE, get=POST_ONLY,
        post=WRITERS, data={"name": "submit"},
    ),
}
SAMPLES = {
    "grille": lambda s: Grille.objects.get_or_create(project=s["project"])[0],
}
