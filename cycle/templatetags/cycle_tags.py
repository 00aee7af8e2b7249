"""The cycle picture (drawn from cycle.states.STAGES) and small helpers of the project page."""

from django import template
from django.utils.translation import gettext as _

from ..states import OPEN_STATES, PHASES, STAGES, State

register = template.Library()

STAGE_WIDTH, BOX_WIDTH, BOX_HEIGHT, GAP = 300, 92, 40, 4


def reached_phase(project) -> str | None:
    """The open sub-phase the IC is in, or was in when it was suspended or abandoned."""
    if project.state in OPEN_STATES:
        return project.state
    if project.state == State.SUSPENDED:
        return project.suspended_from or None
    if project.state == State.CLOSED:
        return None
    last_open = None
    for log in project.transition_logs.all():  # prefetched on the page
        for state in (log.source, log.target):
            if state in OPEN_STATES:
                last_open = state
    return last_open


def phase_status(project, phase, reached) -> str:
    if project.state == State.CLOSED:
        return "done"
    if reached is None:
        return "todo"
    position, current = PHASES.index(phase), PHASES.index(reached)
    if position < current:
        return "done"
    if position > current:
        return "todo"
    return {State.SUSPENDED: "suspended", State.ABANDONED: "abandoned"}.get(
        project.state, "current"
    )


STATUS_LABELS = {
    "done": lambda: _("faite"),
    "current": lambda: _("en cours"),
    "todo": lambda: _("à venir"),
    "suspended": lambda: _("suspendue"),
    "abandoned": lambda: _("abandonnée"),
}


@register.inclusion_tag("cycle/includes/cycle_picture.html")
def cycle_picture(project, dom_id="cycle"):
    reached = reached_phase(project)
    stages, descriptions, number = [], [], 0
    for index, definition in enumerate(STAGES):
        boxes = []
        for position, phase in enumerate(definition.phases):
            number += 1
            status = phase_status(project, phase, reached)
            boxes.append({
                "number": number,
                "label": str(phase.label),
                "status": status,
                "status_label": STATUS_LABELS[status](),
                "x": index * STAGE_WIDTH + position * (BOX_WIDTH + GAP) + 6,
            })
            descriptions.append(f"{number}. {phase.label} : {STATUS_LABELS[status]()}")
        stages.append({
            "label": str(definition.stage.label),
            "x": index * STAGE_WIDTH + 6,
            "center": index * STAGE_WIDTH + 6 + (3 * BOX_WIDTH + 2 * GAP) // 2,
            "boxes": boxes,
        })
    if project.state in OPEN_STATES:
        summary = _("Sous-phase %(number)s sur 12 : %(phase)s") % {
            "number": PHASES.index(project.state) + 1, "phase": project.get_state_display(),
        }
    elif project.state == State.SUSPENDED and reached:
        summary = _("Suspendue en « %(phase)s »") % {"phase": State(reached).label}
    elif project.state == State.ABANDONED and reached:
        summary = _("Abandonnée en « %(phase)s »") % {"phase": State(reached).label}
    else:
        summary = project.get_state_display()
    return {
        "dom_id": dom_id,
        "stages": stages,
        "title": _("Cycle de l'ingénierie collective : %(summary)s") % {"summary": summary},
        "summary": summary,
        "description": " ; ".join(descriptions),
        "state": project.state,
        "box_width": BOX_WIDTH,
        "box_height": BOX_HEIGHT,
        "width": len(STAGES) * STAGE_WIDTH,
    }


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def participation_moves(participation):
    """(value, label) of the statuses a participation may move to (cycle.services)."""
    from ..services import participation_moves as moves
    from ..vocabulary import ParticipationStatus

    return [(status, ParticipationStatus(status).label) for status in moves(participation.status)]
