"""What the grille plugs into the IC's cycle, from grille/apps.py: the cycle never imports it.

- its requirement for entering the evaluation (cycle.guards), which also answers the
  evaluation's « collecter » checklist item (cycle.checklists);
- its workflow steps in the IC's history (cycle.timeline);
- the synthesis of its validated part 3, proposed to the IC (cycle.proposals).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cycle.checklists import Answer
from cycle.timeline import Event, Kind, Scope
from dla_ic.requirements import Requirement
from workflows import machines as workflow

from .models import Grille, GrilleStatus
from .selectors import project_grille_logs


def _submitted(p) -> bool:
    try:
        return p.grille.status in Grille.SUBMITTED_STATUSES
    except ObjectDoesNotExist:
        return False


grille_submitted = Requirement(
    gettext_lazy("La grille d'enquête doit avoir été remise par le prestataire."), _submitted
)
# The grille handed in is the information collected for the evaluation.
collected = Answer(
    grille_submitted, gettext_lazy("grille d'enquête remise par le prestataire"),
    link=lambda project: reverse("grille:overview", kwargs={"project_pk": project.pk}),
)


GRILLE = Kind("grille", gettext_lazy("grille d’enquête"))


def grille_events(scope: Scope) -> list[Event]:
    """The grille's steps, for whoever reads the IC's page (its readers: grille.rules)."""
    if not scope.page_readers:
        return []
    title = _("Grille d'enquête : %(action)s")
    actions = workflow.labels(Grille, "status")
    logs = scope.bound(project_grille_logs(scope.projects), "at")
    return [
        Event(
            log.at, GRILLE.value, title % {"action": actions.get(log.transition, log.transition)},
            log.by, log.comment, log.project_id,
            reverse("grille:overview", kwargs={"project_pk": log.project_id}),
        )
        for log in logs
    ]


EVALUATION_FIELDS = ("strengths", "watchpoints", "evaluation_elements")


def evaluation_synthesis(project) -> str:
    """Part 3 of the validated grille, each filled field under its label ("" before)."""
    grille = Grille.objects.filter(project=project, status=GrilleStatus.VALIDATED).only(
        "pk", *EVALUATION_FIELDS
    ).first()
    if grille is None:
        return ""
    parts = []
    for name in EVALUATION_FIELDS:
        label = str(Grille._meta.get_field(name).verbose_name)
        if text := getattr(grille, name).strip():
            parts.append(f"{label[:1].upper()}{label[1:]} :\n{text}")
    return "\n\n".join(parts)
