"""Who sees and does what with an IC's sessions, from the IC's one audience rule
(``cycle.audiences``): the DLA team everything; the chosen firm's intervenants the sessions
and their attendance; a committed structure's representative the sessions it is invited
to and its own answer, never another structure's; anyone else nothing (a 404)."""

from enum import Enum

from accounts.models import Role
from accounts.rules import structure_id
from cycle.audiences import Visibility, is_team, levels_for
from cycle.rules import can_edit_project


class Reach(Enum):
    NONE = "none"
    TEAM = "team"  # the DLA team and admins
    PRESTATAIRE = "prestataire"  # the chosen firm's intervenants
    STRUCTURE = "structure"  # a committed structure's representative


def reach(user, project) -> Reach:
    levels = levels_for(user, project)
    if not levels:
        return Reach.NONE
    if is_team(levels):
        return Reach.TEAM
    if Visibility.PRESTATAIRE in levels and user.role == Role.INTERVENANT:
        return Reach.PRESTATAIRE
    if Visibility.STRUCTURES in levels and structure_id(user) is not None:
        return Reach.STRUCTURE
    return Reach.NONE


def may_plan(user, project) -> bool:
    """Create, edit, cancel, invite, file the signed sheet: whoever edits the IC."""
    return can_edit_project(user, project)


def may_record_attendance(user, project, seen: Reach) -> bool:
    return seen == Reach.PRESTATAIRE or (seen == Reach.TEAM and may_plan(user, project))
