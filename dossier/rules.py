"""Who reads which documents of an IC: the DLA team all, the assigned firm's intervenants
what is shared with the prestataire, the committed structures' contacts what is shared
with the structures; « tous » is both: the IC's one audience rule (cycle.audiences).
The IC's pilots file; the chosen firm's intervenants file their « livrables » only."""

from accounts.models import Role
from cycle.audiences import AUDIENCES, EVERY_LEVEL, Visibility, levels_for
from cycle.rules import can_edit_project

from .vocabulary import Category

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


def may_manage(user, document) -> bool:
    """Delete a document, choose who reads it: whoever files on its IC."""
    return may_file(user, document.project)


def _firm(user):
    """The prestataire an intervenant works for, or None."""
    intervenant = getattr(user, "intervenant", None) if user.role == Role.INTERVENANT else None
    return intervenant.prestataire_id if intervenant else None


def may_deliver(user, project, readable=None) -> bool:
    """File a « livrable du prestataire »: an intervenant of the firm chosen for the IC
    (the audience that reads what is shared with the prestataire). ``readable``: the
    levels ``user`` reads on ``project`` when the caller has them already."""
    if not user.is_authenticated or _firm(user) is None:
        return False
    readable = levels_for(user, project) if readable is None else readable
    return Visibility.PRESTATAIRE in readable


def may_add_version(user, document) -> bool:
    """Whoever files on the IC; an intervenant of the chosen firm for its own livrables
    (filed by an intervenant of the same firm)."""
    if may_file(user, document.project):
        return True
    firm = _firm(user)
    return (
        document.category == Category.DELIVERABLE
        and firm is not None
        and _firm(document.created_by) == firm
        and may_deliver(user, document.project)
    )
