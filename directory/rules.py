"""Who may use the directory (django-rules).

Chargés de mission, C2RA staff and admins browse it; chargés de mission and
admins add and edit entries. Intervenants have no directory.
"""

import rules

from accounts.models import Role
from accounts.rules import is_admin


def _role_in(user, roles) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in roles)


@rules.predicate
def can_view_directory(user) -> bool:
    return is_admin(user) or _role_in(user, {Role.CHARGE_MISSION, Role.C2RA})


@rules.predicate
def can_edit_directory(user) -> bool:
    return is_admin(user) or _role_in(user, {Role.CHARGE_MISSION})


rules.add_perm("directory.view_directory", can_view_directory)
rules.add_perm("directory.edit_directory", can_edit_directory)
