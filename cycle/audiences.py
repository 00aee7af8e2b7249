"""Who sees what is shared in an IC (a message, a document): its visibility level, declared
once, and the audiences that see it.

An audience is the users a cycle rule (``.rules``) lets reach the IC in some way; each sees
a set of levels. The exchange (messages, notes, mentions, notifications) and the dossier
(documents, downloads) both ask ``levels_for``; nothing else decides.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.rules import is_admin

from .rules import assigned_q, piloted_q, region_q, structure_space_q


class Visibility(models.TextChoices):
    TEAM = "team", _("Équipe DLA")
    PRESTATAIRE = "prestataire", _("Avec le prestataire")
    STRUCTURES = "structures", _("Avec les structures")
    ALL = "all", _("Tous")


EVERY_LEVEL = frozenset(Visibility.values)


def team_q(user):
    """The DLA team of an IC: its pilots' chargés de mission and its region's C2RA staff."""
    return piloted_q(user) | region_q(user)


# role -> (the ICs where that role belongs to the audience, the levels that audience sees)
AUDIENCES = {
    Role.CHARGE_MISSION: (team_q, EVERY_LEVEL),
    Role.C2RA: (team_q, EVERY_LEVEL),
    # The firm ASSIGNED to the IC (chosen), never one merely invited to tender.
    Role.INTERVENANT: (assigned_q, frozenset({Visibility.PRESTATAIRE, Visibility.ALL})),
    # A representative of a structure COMMITTED to the IC, read on each request.
    Role.STRUCTURE: (structure_space_q, frozenset({Visibility.STRUCTURES, Visibility.ALL})),
}


def role_levels(user) -> frozenset:
    """The levels ``user``'s role sees in an IC they reach (see ``levels_for``)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if is_admin(user):
        return EVERY_LEVEL
    audience = AUDIENCES.get(user.role)
    return audience[1] if audience else frozenset()


def levels_for(user, project) -> frozenset:
    """The visibility levels ``user`` sees in ``project`` (empty: nothing of its exchanges)."""
    levels = role_levels(user)
    if not levels or is_admin(user):
        return levels
    reach, _levels = AUDIENCES[user.role]
    reached = type(project).objects.filter(reach(user), pk=project.pk).exists()
    return levels if reached else frozenset()


def is_team(levels) -> bool:
    """Private notes and the « équipe DLA » level: the DLA team (and admins) only."""
    return Visibility.TEAM in levels


def within(level, opening) -> bool:
    """Whoever sees ``level`` also sees ``opening``: an answer never reaches further than the
    thread's first message, whose audience its subject was written for."""
    return all(opening in seen for _reach, seen in AUDIENCES.values() if level in seen)


def answer_levels(levels, opening) -> frozenset:
    """Of the ``levels`` a writer is in, those an answer to a thread opened at ``opening`` may
    take (all of them for a thread not opened yet)."""
    if opening is None:
        return frozenset(levels)
    return frozenset(level for level in levels if within(level, opening))


def writable_levels(levels) -> list:
    """The choices offered when writing: the levels the writer is in, in declared order."""
    return [(value, label) for value, label in Visibility.choices if value in levels]
