"""Who may read, fill in and review an IC's grille, from cycle.rules' role filters.

- read: everyone who sees the IC (its chargés de mission, the assigned
  prestataire's intervenants, C2RA staff of the region, admins);
- fill in and hand in: the assigned prestataire's intervenants and the IC's
  chargés de mission (and admins);
- return, validate, reopen: the IC's chargés de mission (and admins).
Anyone else gets a 404 from the views.
"""

import rules
from django.db.models import Exists, OuterRef, Q

from accounts.rules import is_admin
from cycle.rules import assigned_q, piloted_q, visible_q


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
    if is_admin(user):
        return True
    return _matches(project, piloted_q(user) | assigned_q(user))


@rules.predicate
def can_review_grille(user, project) -> bool:
    if project is None or not _active(user):
        return False
    return is_admin(user) or _matches(project, piloted_q(user))


NO_RIGHTS = {"view": False, "edit": False, "review": False}
ALL_RIGHTS = {"view": True, "edit": True, "review": True}


def _rights(user) -> dict[str, Q]:
    return {
        "view": visible_q(user),
        "edit": piloted_q(user) | assigned_q(user),
        "review": piloted_q(user),
    }


def capability_flags(user) -> dict:
    """The user's rights as ``can_<right>`` annotations on Project, so that a page reads
    them with the project itself (none for an admin: all granted); see ``capabilities_of``.
    """
    from cycle.models import Project

    if _active(user) and is_admin(user):
        return {}
    return {
        f"can_{right}": Exists(Project.objects.filter(q, pk=OuterRef("pk")))
        for right, q in _rights(user).items()
    }


def capabilities_of(user, project) -> dict[str, bool]:
    """The rights read from a project annotated with ``capability_flags`` (no query)."""
    if not (project is not None and _active(user)):
        return dict(NO_RIGHTS)
    if is_admin(user):
        return dict(ALL_RIGHTS)
    view = bool(project.can_view)
    return {
        "view": view,
        "edit": view and bool(project.can_edit),
        "review": view and bool(project.can_review),
    }


def capabilities(user, project) -> dict[str, bool]:
    """The three rights at once, in one query (the pages show or hide buttons with them)."""
    if not (project is not None and _active(user)) or is_admin(user):
        return capabilities_of(user, project)
    flags = capability_flags(user)
    annotated = type(project).objects.filter(pk=project.pk).annotate(**flags).first()
    return capabilities_of(user, annotated) if annotated else dict(NO_RIGHTS)


rules.add_perm("grille.view_grille", can_view_grille)
rules.add_perm("grille.change_grille", can_edit_grille)
rules.add_perm("grille.review_grille", can_review_grille)
