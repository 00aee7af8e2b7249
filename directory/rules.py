"""Who may use the directory (django-rules).

Chargés de mission, C2RA staff and admins browse it; chargés de mission and
admins add and edit entries. Intervenants have no directory, but see their firm's team.
"""

import rules

from accounts.models import Invitation, Role
from accounts.rules import firm_id, is_admin, may_invite

from .models import Prestataire
from .vocabulary import OrganisationKind


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


# --- teams: who sees a DLA's, a C2RA's or a firm's members, and who adds to them.
# Derived from the one rule of who may invite whom (accounts.rules.may_invite): a team's
# page is open to its members and to whoever may invite someone into it.

def team_roles(team) -> list[str]:
    """The roles an invitation into ``team`` (an Organisation or a Prestataire) may give."""
    if isinstance(team, Prestataire):
        return [Role.INTERVENANT]
    if team.kind == OrganisationKind.C2RA:
        return [Role.C2RA, Role.CHARGE_MISSION]
    return [Role.CHARGE_MISSION]


def _sample(team, role) -> Invitation:
    if isinstance(team, Prestataire):
        return Invitation(role=role, prestataire=team)
    return Invitation(role=role, organisation=team)


def invitable_roles(user, team) -> list[str]:
    return [r for r in team_roles(team) if may_invite.test(user, _sample(team, r))]


@rules.predicate
def can_invite_to(user, team) -> bool:
    return bool(user.is_authenticated and team is not None and invitable_roles(user, team))


@rules.predicate
def is_team_member(user, team) -> bool:
    if not (user.is_authenticated and user.is_active) or team is None:
        return False
    if isinstance(team, Prestataire):
        return firm_id(user) == team.pk
    return user.organisation_id == team.pk


@rules.predicate
def can_create_dla(user) -> bool:
    """Admins, and the staff of a DLA régional (C2RA) for DLAs of their region."""
    organisation = user.organisation if _role_in(user, {Role.C2RA}) else None
    return is_admin(user) or (
        organisation is not None and organisation.kind == OrganisationKind.C2RA
    )


rules.add_perm("directory.view_team", is_team_member | can_invite_to)
rules.add_perm("directory.invite_to_team", can_invite_to)
rules.add_perm("directory.create_dla", can_create_dla)
# The DLAs one may open a team page of: an admin's all, a C2RA's its region's.
rules.add_perm("directory.list_organisations", can_create_dla)
