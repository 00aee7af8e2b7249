"""Who may ask for an IC's audit bundle: its DLA team (the pilots' chargés de mission and
the region's C2RA staff, ``cycle.audiences.team_q``) and admins. A bundle is its requester's
alone: nobody else downloads it, an admin neither."""

import rules

from accounts.rules import is_admin
from cycle.audiences import team_q


@rules.predicate
def can_request_audit(user, project) -> bool:
    if project is None or not user.is_authenticated or not user.is_active:
        return False
    if is_admin(user):
        return True
    return type(project).objects.filter(team_q(user), pk=project.pk).exists()


@rules.predicate
def owns_bundle(user, bundle) -> bool:
    return bundle is not None and user.is_authenticated and bundle.requested_by_id == user.pk


rules.add_perm("audit.request_bundle", can_request_audit)
rules.add_perm("audit.view_bundle", owns_bundle)
