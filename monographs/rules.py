"""Who may compile carnets: the DLA and C2RA staff who may export ICs, and admins."""

import rules

from cycle.rules import can_export_projects


@rules.predicate
def owns_carnet(user, carnet) -> bool:
    return carnet is not None and carnet.requested_by_id == user.pk


rules.add_perm("monographs.add_carnet", can_export_projects)
rules.add_perm("monographs.view_carnet", can_export_projects & owns_carnet)
