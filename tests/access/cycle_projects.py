"""One IC's pages: its page and sections (readers), its cycle, edit form and actors (pilots)."""

from directory.models import StructureContact

from .base import Access

PROJECT = {"pk": "project"}
# Who may see the sample IC: its pilots, the C2RA of its region, its firm's intervenant.
READERS = {
    "anonymous": 302,
    "charge_mission": 200,
    "other_charge_mission": 404,
    "c2ra": 200,
    "intervenant": 200,
    "other_intervenant": 404,
    # A structure's representative: the IC's « Espace structure » only, never its page.
    "structure": 404,
    "other_structure": 404,
    "admin": 200,
}
# Who may change it: its pilots and admins; anybody else gets 404, never a hint.
PILOTS = {**READERS, "c2ra": 404, "intervenant": 404}


def _post(ok: int) -> dict:
    return {**{role: 404 for role in PILOTS}, "anonymous": 302, "charge_mission": ok, "admin": ok}


POST_ONLY = {**dict.fromkeys(READERS, 405), "anonymous": 302}
NOT_CREATORS = dict.fromkeys(
    ["c2ra", "intervenant", "other_intervenant", "structure", "other_structure"], 403
)
PARTICIPATION = {**PROJECT, "participation_pk": "committed_participation"}
# The « Espace structure »: the representative of a structure committed to the IC only;
# other roles have no such space (403), another IC's representative is told nothing (404).
STRUCTURE_SPACE = {
    **dict.fromkeys(READERS, 403), "anonymous": 302, "structure": 200, "other_structure": 404,
}
# A committed structure's contacts (invite, withdraw): the IC's pilots and admins.
CONTACT_MANAGERS = _post(200)


def _section(name):
    # GET answers the section's partial to readers; a POST without an action changes nothing.
    return Access(kwargs=PROJECT, get=READERS, post=_post(302), data={"action": ""})


ACCESS = {
    "cycle:project_detail": Access(kwargs=PROJECT, get=READERS),
    "cycle:project_create": Access(
        kwargs={},
        get={**READERS, "other_charge_mission": 200, **NOT_CREATORS},
        post={**READERS, "other_charge_mission": 200, **NOT_CREATORS},
        data={},  # an empty form: errors shown again, nothing created
    ),
    # The page's guidance alone (refetched after an inline save): whoever sees the page.
    "cycle:project_guidance": Access(
        kwargs=PROJECT, get=READERS, post={**dict.fromkeys(READERS, 405), "anonymous": 302},
    ),
    # The page's checklist alone (refetched after an inline save): whoever sees the page.
    "cycle:project_checklist": Access(
        kwargs=PROJECT, get=READERS, post={**dict.fromkeys(READERS, 405), "anonymous": 302},
    ),
    "cycle:project_update": Access(kwargs=PROJECT, get=PILOTS, post=_post(200), data={}),
    "cycle:project_transition": Access(
        # Refused (missing data): the page again, the boxes checked on the way kept.
        kwargs=PROJECT, get=POST_ONLY, post=_post(200),
        data={"name": "advance", "state": "identifier_problematique"},
    ),
    "cycle:checklist_tick": Access(
        kwargs={"pk": "project", "item_pk": "checklist_item"}, get=POST_ONLY, post=_post(302),
        data={"done": "on", "note": "vu"},
    ),
    # An item's due date and assignee, on the checklist: its pilots; a bad date refused.
    "cycle:checklist_due": Access(
        kwargs={"pk": "project", "item_pk": "checklist_item"}, get=POST_ONLY, post=_post(302),
        data={"due_on": "2027-01-15", "assignee": ""},
    ),
    "cycle:project_partners": _section("partners"),
    "cycle:project_structures": _section("structures"),
    "cycle:project_prestataires": _section("prestataires"),
    "cycle:project_committees": _section("committees"),
    "cycle:project_capitalisation": _section("capitalisation"),
    "cycle:project_phases": _section("phases"),
    # The sub-phases' target dates: readers see them; nothing posted, nothing saved.
    "cycle:project_targets": _section("targets"),
    "cycle:structure_space": Access(kwargs=PROJECT, get=STRUCTURE_SPACE, post={
        **dict.fromkeys(READERS, 405), "anonymous": 302,
    }),
    # An empty invitation form: errors beside the fields, nothing sent.
    "cycle:structure_contacts": Access(
        kwargs=PARTICIPATION, get=CONTACT_MANAGERS, post=CONTACT_MANAGERS, data={}
    ),
    "cycle:structure_contact_withdraw": Access(
        kwargs={**PARTICIPATION, "contact_pk": "structure_contact"}, get=POST_ONLY,
        post=_post(302),
    ),
}
SAMPLES = {
    "checklist_item": lambda s: s["project"].checklist.order_by("position").first(),
    # Built by the world (test_url_access.py): ``structure``'s structure, committed.
    "committed_participation": lambda s: s["project"].participations.get(status="engagee"),
    "structure_contact": lambda s: StructureContact.objects.get(user__username="asso"),
}
