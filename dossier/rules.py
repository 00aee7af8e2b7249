"""Who reads which documents of an IC: the DLA team all, the assigned firm's intervenants
what is shared with the prestataire, the committed structures' contacts what is shared
with the structures; « tous » is both. Built on the IC's own reach (cycle.rules)."""

from accounts.models import Role
from cycle.rules import can_edit_project, can_view_project, can_view_structure_space

from .vocabulary import Visibility

EVERY = frozenset(Visibility)
FOR_PRESTATAIRE = frozenset({Visibility.PRESTATAIRE, Visibility.ALL})
FOR_STRUCTURES = frozenset({Visibility.STRUCTURES, Visibility.ALL})
NONE = frozenset()


def audiences(user, project) -> frozenset:
    """The visibilities ``user`` reads on ``project`` (empty: none, a 404)."""
    if not user.is_authenticated:
        return NONE
    if can_view_project(user, project):
        return FOR_PRESTATAIRE if user.role == Role.INTERVENANT else EVERY
    if user.role == Role.STRUCTURE and can_view_structure_space(user, project):
        return FOR_STRUCTURES
    return NONE


def may_read(user, document, readable: frozenset) -> bool:
    """A deleted document stays readable (its history) by the DLA team only."""
    if document.deleted_at is not None:
        return readable == EVERY
    return document.visibility in readable


def may_file(user, project) -> bool:
    """Upload, add a version, delete: whoever edits the IC (its pilots, admins)."""
    return can_edit_project(user, project)
