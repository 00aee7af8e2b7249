"""Who imports what (django-rules).

Admins import every kind everywhere. C2RA staff import every kind for their region.
Chargés de mission import structures and partners of their DLA's département only (firms
and their intervenants work across territories: their import is the region's business).
An import and its preview are seen by the person who started it (and admins).
"""

import rules

from accounts.models import Role
from accounts.rules import is_admin


def _role(user, role) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == role)


@rules.predicate
def can_import(user) -> bool:
    return is_admin(user) or _role(user, Role.C2RA) or _role(user, Role.CHARGE_MISSION)


@rules.predicate
def can_import_kind(user, kind) -> bool:
    if kind is None or not can_import(user):
        return False
    return not (kind.staff_only and _role(user, Role.CHARGE_MISSION))


@rules.predicate
def owns_job(user, job) -> bool:
    return bool(job is not None and can_import(user) and (is_admin(user) or job.user_id == user.pk))


def may_import_row(user, kind, departement, region) -> bool:
    """A row's territory (département code, région code) against the user's own."""
    if is_admin(user):
        return True
    organisation = user.organisation
    if organisation is None or not can_import_kind(user, kind):
        return False
    if kind.staff_only and departement is None and region is None:
        return True  # C2RA staff: firms are not tied to a territory
    if _role(user, Role.C2RA) or organisation.departement_id is None:
        return region is not None and region == organisation.region_id
    return departement is not None and departement == organisation.departement_id


rules.add_perm("imports.import", can_import)
rules.add_perm("imports.import_kind", can_import_kind)
rules.add_perm("imports.view_job", owns_job)
