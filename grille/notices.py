"""What the grille's workflow tells (notifications): handed in to the pilots, sent back to
the firm's intervenants on the IC (a firm never hears of another's grille)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from cycle.notices import pilots_audience
from cycle.rules import can_view_project
from notifications.kinds import Channel, Kind
from notifications.services import notify

from .models import GrilleStatus

CM, C2RA, INTERVENANT, ADMIN = Role.CHARGE_MISSION, Role.C2RA, Role.INTERVENANT, Role.ADMIN

GRILLE_SUBMITTED = Kind(
    "grille_submitted",
    _("Une grille d'enquête est remise"),
    _("Le prestataire remet la grille d'enquête d'une IC que vous pilotez."),
    {CM: Channel.IMMEDIATE, C2RA: Channel.DIGEST, ADMIN: Channel.OFF},
)
GRILLE_RETURNED = Kind(
    "grille_returned",
    _("Votre grille d'enquête vous est renvoyée"),
    _("Le chargé de mission renvoie la grille avec ses commentaires."),
    {INTERVENANT: Channel.IMMEDIATE, CM: Channel.IMMEDIATE, ADMIN: Channel.OFF},
)
KINDS = (GRILLE_SUBMITTED, GRILLE_RETURNED)


def firm_audience(project, *, besides=None) -> list:
    """The intervenants the IC's firms send (all the firm's accounts when the assignment
    names none), who may see the IC."""
    candidates = get_user_model().objects.filter(
        Q(intervenant__assignments__project=project)
        | Q(
            intervenant__prestataire__assignments__project=project,
            intervenant__prestataire__assignments__intervenants=None,
        ),
        is_active=True,
        role=INTERVENANT,
    )
    return [
        user
        for user in candidates.select_related("intervenant").distinct().order_by("pk")
        if user.pk != getattr(besides, "pk", None) and can_view_project(user, project)
    ]


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def tell_step(sender, *, instance, log, **kwargs) -> None:
    project = instance.project
    url = reverse("grille:overview", kwargs={"project_pk": project.pk})
    if log.target == GrilleStatus.SUBMITTED:
        notify(
            kind=GRILLE_SUBMITTED,
            recipients=pilots_audience(project, besides=log.by),
            title=_("Grille d'enquête remise : %(title)s") % {"title": project.title},
            body=_(
                "La grille d'enquête de l'ingénierie collective « %(title)s » vient d'être "
                "remise par %(who)s. Vous pouvez la relire, puis la valider ou la renvoyer "
                "avec vos commentaires."
            )
            % {"title": project.title, "who": _who(log.by)},
            url=url,
            key=f"grille-submitted:{log.pk}",
        )
    elif log.target == GrilleStatus.RETURNED:
        notify(
            kind=GRILLE_RETURNED,
            recipients=firm_audience(project, besides=log.by),
            title=_("Grille d'enquête renvoyée : %(title)s") % {"title": project.title},
            body=_("%(who)s vous renvoie la grille avec ses commentaires :\n%(comment)s")
            % {"who": _who(log.by), "comment": log.comment},
            url=url,
            key=f"grille-returned:{log.pk}",
        )
