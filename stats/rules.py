"""Who sees the statistics: C2RA staff (their region's ICs) and admins (every region).

Chargés de mission and intervenants do not: the statistics are the resource centre's
and the national level's view (a DLA has its own figures on the dashboard).
"""

import rules
from django.db.models import Q

from accounts.models import Role
from accounts.rules import is_admin
from cycle.rules import region_q


@rules.predicate
def is_regional_staff(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.role == Role.C2RA and user.organisation_id
    )


can_view_statistics = is_admin | is_regional_staff


def scope_q(user) -> Q | None:
    """The ICs the user's statistics count; None: every IC (admins)."""
    if is_admin(user):
        return None
    return region_q(user)


rules.add_perm("stats.view_statistics", can_view_statistics)
rules.add_perm("stats.view_national", is_admin)
# The menu tests the rule itself: a perm refused would fall through to Django's ModelBackend
# and cost two permission queries on every page.
rules.add_rule("stats.view_statistics", can_view_statistics)
