"""Audit bundles: the IC's DLA team (its pilots, the region's C2RA staff) and admins ask for
one; a bundle is its requester's alone, an admin's reach included."""

from .base import Access

TEAM = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 404, "c2ra": 200,
    "intervenant": 404, "other_intervenant": 404, "admin": 200,
    "structure": 404, "other_structure": 404,
}
ASKED = {**TEAM, "charge_mission": 302, "c2ra": 302, "admin": 302}
POST_ONLY = {**dict.fromkeys(TEAM, 405), "anonymous": 302}
# The sample bundle is charge_mission's.
OWNER = {**dict.fromkeys(TEAM, 404), "anonymous": 302, "charge_mission": 200}
PROJECT = {"project_pk": "project"}
BUNDLE = {"pk": "audit_bundle"}


def _bundle(samples):
    from audit.models import AuditBundle

    project = samples["project"]
    return AuditBundle.objects.create(project=project, requested_by=project.created_by)


ACCESS = {
    "audit:project": Access(kwargs=PROJECT, get=TEAM),
    "audit:request": Access(kwargs=PROJECT, get=POST_ONLY, post=ASKED),
    "audit:detail": Access(kwargs=BUNDLE, get=OWNER),
    # Not built yet: even its requester gets 404 until the file exists.
    "audit:download": Access(kwargs=BUNDLE, get={**OWNER, "charge_mission": 404}),
}
SAMPLES = {"audit_bundle": _bundle}
