"""Who may see and drive an IC. One definition, as queryset filters.

Each role's reach is a Q object on Project; object permissions (django-rules)
and list selectors both use it, so a page and its list can never disagree.
"""

import rules
from django.db.models import Q

from accounts.models import Role
from accounts.rules import is_admin, structure_id

from .vocabulary import ParticipationStatus

COMMITTED = ParticipationStatus.COMMITTED


def piloted_q(user) -> Q:
    """ICs piloted by the user's DLA or C2RA (for a chargé de mission)."""
    if user.role != Role.CHARGE_MISSION or not user.organisation_id:
        return Q(pk__in=[])
    return Q(pilotages__organisation_id=user.organisation_id)


def region_q(user) -> Q:
    """ICs piloted by any DLA or C2RA of the user's region (for C2RA staff)."""
    if user.role != Role.C2RA or not user.organisation_id:
        return Q(pk__in=[])
    return Q(pilotages__organisation__region_id=user.organisation.region_id)


def assigned_q(user) -> Q:
    """ICs the user's prestataire is assigned to (for an intervenant)."""
    intervenant = getattr(user, "intervenant", None) if user.role == Role.INTERVENANT else None
    if intervenant is None:
        return Q(pk__in=[])
    return Q(assignments__prestataire_id=intervenant.prestataire_id)


def structure_space_q(user) -> Q:
    """ICs the structure a representative speaks for is committed to: their « Espace
    structure » only, never the IC's page (not part of ``visible_q``). Read on each request:
    a withdrawn participation or contact closes it at once."""
    sid = structure_id(user)
    if sid is None:
        return Q(pk__in=[])
    return Q(participations__structure_id=sid, participations__status=COMMITTED)


def visible_q(user) -> Q | None:
    """None means everything (admins)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_admin(user):
        return None
    return piloted_q(user) | region_q(user) | assigned_q(user)


def editable_q(user) -> Q | None:
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_admin(user):
        return None
    return piloted_q(user)


def _matches(project, q: Q | None) -> bool:
    if q is None:
        return True
    return type(project).objects.filter(q, pk=project.pk).exists()


@rules.predicate
def can_view_project(user, project) -> bool:
    return project is not None and _matches(project, visible_q(user))


@rules.predicate
def can_edit_project(user, project) -> bool:
    return project is not None and _matches(project, editable_q(user))


@rules.predicate
def can_view_structure_space(user, project) -> bool:
    return project is not None and _matches(project, structure_space_q(user))


@rules.predicate
def can_export_projects(user) -> bool:
    return user.is_authenticated and (
        is_admin(user) or user.role in {Role.CHARGE_MISSION, Role.C2RA}
    )


@rules.predicate
def can_create_project(user) -> bool:
    """A chargé de mission pilots ICs for his organisation; admins create for anyone."""
    return user.is_authenticated and (
        is_admin(user) or bool(user.role == Role.CHARGE_MISSION and user.organisation_id)
    )


def can_drive_cycle(project, user) -> bool:
    """django-fsm's permission hook: (instance, user)."""
    return can_edit_project(user, project)


def can_move_participation(participation, user) -> bool:
    """django-fsm's permission hook: whoever edits the IC moves its structures' participation."""
    return can_edit_project(user, participation.project)


rules.add_perm("cycle.add_project", can_create_project)
rules.add_perm("cycle.view_project", can_view_project)
rules.add_perm("cycle.view_structure_space", can_view_structure_space)
rules.add_perm("cycle.change_project", can_edit_project)
rules.add_perm("cycle.drive_cycle", can_edit_project)
rules.add_perm("cycle.export_projects", can_export_projects)
