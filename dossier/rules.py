"""Who reads which documents of an IC: the DLA team all, the assigned firm's intervenants
what is shared with the prestataire, the committed structures' contacts what is shared
with the structures; « tous » is both: the IC's one audience rule (cycle.audiences)."""

from accounts.models import Role
from cycle.audiences import AUDIENCES, EVERY_LEVEL, levels_for
from cycle.rules import can_edit_project

EVERY = EVERY_LEVEL
FOR_STRUCTURES = AUDIENCES[Role.STRUCTURE][1]


def audiences(user, project) -> frozenset:
    """The visibilities ``user`` reads on ``project`` (empty: none, a 404): the IC's one
    audience rule, the same as its messages'."""
    return levels_for(user, project)


def may_read(user, document, readable: frozenset) -> bool:
    """A deleted document stays readable (its history) by the DLA team only."""
    if document.deleted_at is not None:
        return readable == EVERY
    return document.visibility in readable


def may_file(user, project) -> bool:
    """Upload, add a version, delete: whoever edits the IC (its pilots, admins)."""
    return can_edit_project(user, project)
