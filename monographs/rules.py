"""Who may compile carnets: the staff of DLA and C2RA, and admins; never intervenants."""

import rules

from accounts.models import Role


@rules.predicate
def can_make_carnet(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.role in {Role.CHARGE_MISSION, Role.C2RA, Role.ADMIN}
    )


@rules.predicate
def owns_carnet(user, carnet) -> bool:
    return carnet is not None and carnet.requested_by_id == user.pk


rules.add_perm("monographs.add_carnet", can_make_carnet)
rules.add_perm("monographs.view_carnet", can_make_carnet & owns_carnet)
