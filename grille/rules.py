"""Who may read, fill in and review an IC's grille, from cycle.rules' role filters.

- read: everyone who sees the IC (its chargés de mission, the assigned
  prestataire's intervenants, C2RA staff of the region, admins);
- fill in and hand in: the assigned prestataire's intervenants and the IC's
  chargés de mission (and admins);
- return, validate, reopen: the IC's chargés de mission (and admins).
Anyone else gets a 404 from the views.
"""

import rules
from django.db.models import Exists

from cycle.rules import _is_admin, assigned_q, piloted_q, visible_q


def _matches(project, q) -> bool:
    if q is None:
        return True
    return type(project).objects.filter(q, pk=project.pk).exists()


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


@rules.predicate
def can_view_grille(user, project) -> bool:
    return project is not None and _active(user) and _matches(project, visible_q(user))


@rules.predicate
def can_edit_grille(user, project) -> bool:
    if project is None or not _active(user):
        return False
    if _is_admin(user):
        return True
    return _matches(project, piloted_q(user) | assigned_q(user))


@rules.predicate
def can_review_grille(user, project) -> bool:
    if project is None or not _active(user):
        return False
    return _is_admin(user) or _matches(project, piloted_q(user))


def capabilities(user, project) -> dict[str, bool]:
    """The three rights at once, in one query (the pages show or hide buttons with them)."""
    if not (project is not None and _active(user)):
        return {"view": False, "edit": False, "review": False}
    if _is_admin(user):
        return {"view": True, "edit": True, "review": True}
    own = type(project).objects.filter(pk=project.pk)
    flags = own.annotate(
        view=Exists(own.filter(visible_q(user))),
        edit=Exists(own.filter(piloted_q(user) | assigned_q(user))),
        review=Exists(own.filter(piloted_q(user))),
    ).values("view", "edit", "review").first() or {}
    view = bool(flags.get("view"))
    return {
        "view": view,
        "edit": view and bool(flags.get("edit")),
        "review": view and bool(flags.get("review")),
    }


rules.add_perm("grille.view_grille", can_view_grille)
rules.add_perm("grille.change_grille", can_edit_grille)
rules.add_perm("grille.review_grille", can_review_grille)
