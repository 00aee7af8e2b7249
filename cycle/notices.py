"""What the IC tells the people it concerns (notifications): its kinds, and who hears.

The kinds of tasks (assigned, due soon, overdue, escalated) are declared here, beside
the IC they belong to; the checklist (assigned) and the reminder job (cycle.reminders)
emit them.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from notifications.kinds import Channel, Kind
from notifications.services import notify

from .rules import can_view_project

CM, C2RA, INTERVENANT, ADMIN = Role.CHARGE_MISSION, Role.C2RA, Role.INTERVENANT, Role.ADMIN
IMMEDIATE, DIGEST, OFF = Channel.IMMEDIATE, Channel.DIGEST, Channel.OFF

IC_TRANSITION = Kind(
    "ic_transition",
    _("Une IC que vous pilotez change d'étape"),
    _("Quelqu'un d'autre fait avancer, suspend ou abandonne une IC de votre DLA ou C2RA."),
    {CM: DIGEST, C2RA: DIGEST, ADMIN: OFF},
)
TASK_ASSIGNED = Kind(
    "task_assigned",
    _("Une tâche vous est confiée"),
    _("On vous désigne responsable d'une étape datée d'une IC."),
    {CM: IMMEDIATE, C2RA: IMMEDIATE, INTERVENANT: IMMEDIATE, ADMIN: DIGEST},
)
TASK_DUE_SOON = Kind(
    "task_due_soon",
    _("Une de vos tâches arrive à échéance"),
    _("Rappel quelques jours avant la date prévue d'une de vos tâches."),
    {CM: DIGEST, C2RA: DIGEST, INTERVENANT: DIGEST, ADMIN: OFF},
)
TASK_OVERDUE = Kind(
    "task_overdue",
    _("Une de vos tâches est en retard"),
    _("La date prévue d'une de vos tâches est passée et elle n'est pas faite."),
    {CM: IMMEDIATE, C2RA: DIGEST, INTERVENANT: IMMEDIATE, ADMIN: OFF},
)
TASK_ESCALATED = Kind(
    "task_escalated",
    _("Une tâche d'une IC que vous pilotez reste en retard"),
    _("Une tâche en retard depuis plusieurs jours vous est signalée, en tant que référent·e "
      "de l'IC ; un questionnaire de suivi sans réponse 30 jours après l'échéance, à toute "
      "l'équipe qui la pilote."),
    {CM: IMMEDIATE, C2RA: IMMEDIATE, ADMIN: OFF},
)
KINDS = (IC_TRANSITION, TASK_ASSIGNED, TASK_DUE_SOON, TASK_OVERDUE, TASK_ESCALATED)


def pilots_audience(project, *, besides=None) -> list:
    """The active members of the IC's piloting DLA or C2RA, each one who may see it by the
    IC's own visibility rule (a C2RA staffer: only the ICs of their region), but ``besides``."""
    candidates = (
        get_user_model()
        .objects.filter(
            is_active=True,
            role__in=[CM, C2RA],
            organisation__pilotages__project=project,
        )
        .select_related("organisation")
        .distinct()
        .order_by("pk")
    )
    return [
        user
        for user in candidates
        if user.pk != getattr(besides, "pk", None) and can_view_project(user, project)
    ]


def project_url(project) -> str:
    return reverse("cycle:project_detail", kwargs={"pk": project.pk})


def tell_transition(sender, *, instance, log, **kwargs) -> None:
    """The pilots (but its author) hear that the IC changed step."""
    by = log.by
    who = (by.get_full_name() or by.get_username()) if by else _("l'application")
    notify(
        kind=IC_TRANSITION,
        recipients=pilots_audience(instance, besides=by),
        title=_("« %(title)s » : %(source)s → %(target)s")
        % {
            "title": instance.title,
            "source": log.get_source_display(),
            "target": log.get_target_display(),
        },
        body=_("Par %(who)s.") % {"who": who} + (f"\n{log.comment}" if log.comment else ""),
        url=project_url(instance),
        key=f"ic-transition:{log.pk}",
    )


def tell_checklist_assigned(item, *, by) -> list[int]:
    """The item's assignee hears it is theirs; the same person and date are told once."""
    who = (by.get_full_name() or by.get_username()) if by else _("l'application")
    due = formats.date_format(item.due_on, "j F Y") if item.due_on else _("sans date")
    return notify(
        kind=TASK_ASSIGNED,
        recipients=[item.assignee],
        title=_("Une tâche vous est confiée : %(task)s") % {"task": item.label},
        body=_("IC « %(project)s », échéance : %(due)s. Par %(who)s.")
        % {"project": item.project.title, "due": due, "who": who},
        url=project_url(item.project) + "#liste-controle",
        key=f"task-assigned:checklist:{item.pk}:{item.assignee_id}:{item.due_on or ''}",
    )
