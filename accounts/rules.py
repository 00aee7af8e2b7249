"""Role predicates (django-rules): the one home of "who is an admin" for every app, and of
who may invite whom into the app (accounts.invite_user, on an unsaved or pending Invitation).
"""

import rules
from django.core.exceptions import ObjectDoesNotExist

from .models import Role

# The kind of a DLA régional in directory.vocabulary.OrganisationKind (accounts sits below
# the directory and never imports it; tests/accounts/test_invitation_rules.py checks they agree).
C2RA_KIND = "c2ra"


@rules.predicate
def is_admin(user) -> bool:
    """An active admin (role admin or superuser); ``User.is_admin_role`` is the role alone."""
    return bool(user.is_authenticated and user.is_active and user.is_admin_role)


def _active(user, role) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == role)


def firm_id(user):
    """The pk of the firm (prestataire) whose intervenant ``user`` is, or None.

    ``user.intervenant`` is the directory's Intervenant.user (its related name), read as an
    attribute the way User.organisation is: accounts never imports the directory."""
    try:
        return user.intervenant.prestataire_id
    except (ObjectDoesNotExist, AttributeError):
        return None


def structure_id(user):
    """The pk of the beneficiary structure ``user`` represents, or None once withdrawn.

    ``user.structure_contact`` is the directory's StructureContact.user (its related name),
    read on each request: a withdrawn contact reaches nothing from the next request on."""
    if not _active(user, Role.STRUCTURE):
        return None
    try:
        contact = user.structure_contact
    except (ObjectDoesNotExist, AttributeError):
        return None
    return contact.structure_id if contact.withdrawn_at is None else None


# Who may invite a structure's contact depends on the ICs the structure is committed to,
# which only the IC's app knows: it registers that test here from its AppConfig.ready()
# (cycle/apps.py). Until then nobody but an admin may.
_STRUCTURE_INVITER: list = []


def register_structure_inviter(test) -> None:
    """``test(user, structure_id) -> bool``: whether ``user`` may invite that structure's
    contacts (and withdraw their access)."""
    _STRUCTURE_INVITER[:] = [test]


@rules.predicate
def structure_contact_invites(user, invitation) -> bool:
    """A chargé·e de mission: the contacts of a structure committed to an IC they pilot."""
    return bool(
        _active(user, Role.CHARGE_MISSION)
        and invitation.role == Role.STRUCTURE
        and invitation.structure_id is not None
        and any(test(user, invitation.structure_id) for test in _STRUCTURE_INVITER)
    )


@rules.predicate
def c2ra_invites(user, invitation) -> bool:
    """C2RA staff: their C2RA colleagues, and the chargés de mission of their region's DLAs."""
    own = user.organisation if _active(user, Role.C2RA) else None
    team = invitation.organisation
    if own is None or own.kind != C2RA_KIND or team is None:
        return False
    if invitation.role == Role.C2RA:
        return team.pk == own.pk
    return (
        invitation.role == Role.CHARGE_MISSION
        and team.kind != C2RA_KIND
        and team.region_id == own.region_id
    )


@rules.predicate
def charge_mission_invites(user, invitation) -> bool:
    """A chargé·e de mission: colleagues of their own DLA; and, as the directory's editor,
    the intervenants of any firm (added from the firm's page of the directory)."""
    if not _active(user, Role.CHARGE_MISSION):
        return False
    if invitation.role == Role.INTERVENANT:
        return invitation.prestataire_id is not None
    return (
        invitation.role == Role.CHARGE_MISSION
        and invitation.organisation_id is not None
        and invitation.organisation_id == user.organisation_id
    )


@rules.predicate
def intervenant_invites(user, invitation) -> bool:
    """An intervenant: the other intervenants of their own firm."""
    return (
        _active(user, Role.INTERVENANT)
        and invitation.role == Role.INTERVENANT
        and invitation.prestataire_id is not None
        and invitation.prestataire_id == firm_id(user)
    )


may_invite = (
    is_admin | c2ra_invites | charge_mission_invites | intervenant_invites
    | structure_contact_invites
)

# Sending, re-sending and revoking an invitation: the same right.
rules.add_perm("accounts.invite_user", may_invite)
