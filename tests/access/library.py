"""The library: every DLA and C2RA staffer and admins read it, in all of France; intervenants
do not (outside the network). Only the C2RA of the monograph's region, or an admin, marks it
« à diffuser »."""

from .base import Access

READ = {
    "anonymous": 302,
    "charge_mission": 200,
    "other_charge_mission": 200,
    "c2ra": 200,
    "intervenant": 403,
    "other_intervenant": 403,
    "structure": 403,  # a structure's representative: outside the network, like a firm
    "other_structure": 403,
    "admin": 200,
}
MARK = {**READ, "charge_mission": 403, "other_charge_mission": 403, "c2ra": 302, "admin": 302}
# A POST-only URL answers GET with 405 before looking anything up: it reveals nothing.
POST_ONLY = {**dict.fromkeys(READ, 405), "anonymous": 302}
ENTRY = {"project_pk": "library_project"}


def _published(samples):
    """An IC of the sample DLA (region of the sample C2RA), its grille validated."""
    from tests.library.factories import library_ic

    return library_ic(by=samples["project"].created_by, title="IC publiée")


ACCESS = {
    "library:library": Access(kwargs={}, get=READ),
    "library:entry_detail": Access(kwargs=ENTRY, get=READ),
    "library:entry_mark": Access(kwargs=ENTRY, get=POST_ONLY, post=MARK, data={"marked": "1"}),
}
SAMPLES = {"library_project": _published}
