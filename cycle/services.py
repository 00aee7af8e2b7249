"""Operations on an IC that touch several models: each one checks, then does.

Views call these and nothing else to change an IC's cycle; each runs in one
transaction so a transition, its save and its log row stand or fall together.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from .checklists import CHECKLISTS
from .exceptions import TransitionConflict, TransitionRefused
from .guards import missing_for
from .models import ChecklistItem, Project, ProjectPilot, TransitionLog
from .states import State, next_state

TRANSITIONS = {
    "advance": _("Passer à la sous-phase suivante"),
    "step_back": _("Revenir à la sous-phase précédente"),
    "suspend": _("Suspendre"),
    "resume": _("Reprendre"),
    "abandon": _("Abandonner"),
}
CREATION = "create"


def sync_checklist(project: Project) -> None:
    """Create the checklist rows the methodology declares and the project lacks."""
    existing = set(project.checklist.values_list("phase", "code"))
    position = 0
    missing = []
    for phase, items in CHECKLISTS.items():
        for code, _label in items:
            position += 1
            if (phase, code) not in existing:
                missing.append(
                    ChecklistItem(project=project, phase=phase, code=code, position=position)
                )
    ChecklistItem.objects.bulk_create(missing)


@transaction.atomic
def create_project(*, by, organisations=(), referent=None, **fields) -> Project:
    """Create an IC piloted by ``organisations`` (default: the creator's), with its checklist."""
    project = Project.objects.create(created_by=by, **fields)
    organisations = list(organisations) or [by.organisation]
    referent = referent or organisations[0]
    ProjectPilot.objects.bulk_create(
        ProjectPilot(project=project, organisation=org, is_referent=org == referent)
        for org in organisations
        if org is not None
    )
    sync_checklist(project)
    TransitionLog.objects.create(
        project=project, transition=CREATION, source="", target=project.state, by=by,
        at=timezone.now(), comment=str(_("Création de l'ingénierie collective")),
    )
    return project


def _fire(project: Project, name: str, *, by, comment: str = "", **arguments) -> TransitionLog:
    method = getattr(project, name)
    meta = method._django_fsm
    source = project.state
    if not meta.has_transition(source):
        raise TransitionRefused([
            _("« %(action)s » n'est pas possible depuis « %(state)s ».")
            % {"action": TRANSITIONS[name], "state": project.get_state_display()}
        ])
    if not meta.has_transition_perm(project, source, by):
        raise PermissionDenied(_("Vous ne pilotez pas cette ingénierie collective."))
    if name == "advance" and (missing := missing_for(project, next_state(source))):
        raise TransitionRefused(missing)
    try:
        with transaction.atomic():
            method(**arguments)
            project.save()
            return TransitionLog.objects.create(
                project=project, transition=name, source=source, target=project.state,
                by=by, at=timezone.now(), comment=comment.strip(),
            )
    except ConcurrentTransition as error:
        raise TransitionConflict() from error
    except TransitionNotAllowed as error:  # the data changed between the check and the save
        raise TransitionRefused(missing_for(project, next_state(source))) from error


def advance(project: Project, *, by, comment: str = "") -> TransitionLog:
    return _fire(project, "advance", by=by, comment=comment)


def step_back(project: Project, *, by, reason: str) -> TransitionLog:
    return _fire(project, "step_back", by=by, comment=reason, reason=reason)


def suspend(project: Project, *, by, reason: str) -> TransitionLog:
    return _fire(project, "suspend", by=by, comment=reason, reason=reason)


def resume(project: Project, *, by, comment: str = "") -> TransitionLog:
    return _fire(project, "resume", by=by, comment=comment)


def abandon(project: Project, *, by, reason: str) -> TransitionLog:
    return _fire(project, "abandon", by=by, comment=reason, reason=reason)


def fire(project: Project, name: str, *, by, comment: str = "") -> TransitionLog:
    """Fire a transition by name (as a button posts it); reasons go in ``comment``."""
    actions = {"advance": advance, "resume": resume}
    if name in actions:
        return actions[name](project, by=by, comment=comment)
    reasoned = {"step_back": step_back, "suspend": suspend, "abandon": abandon}
    if name in reasoned:
        return reasoned[name](project, by=by, reason=comment)
    raise TransitionRefused([_("Action inconnue.")])


@transaction.atomic
def tick_checklist_item(item: ChecklistItem, *, by, done: bool, note: str = "") -> ChecklistItem:
    item.done = done
    item.note = note.strip()
    item.done_by = by if done else None
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done", "note", "done_by", "done_at"])
    return item


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state
