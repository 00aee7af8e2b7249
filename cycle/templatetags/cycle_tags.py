"""The cycle picture (drawn from cycle.states.STAGES) and small helpers of the project page."""

from html import escape

from django import template
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext as _

from .. import timeline
from ..states import OPEN_STATES, PHASES, STAGES, State

register = template.Library()

STAGE_WIDTH, BOX_WIDTH, BOX_HEIGHT, GAP = 300, 92, 40, 4


STATUS_LABELS = {
    "done": lambda: _("faite"),
    "current": lambda: _("en cours"),
    "todo": lambda: _("à venir"),
    "suspended": lambda: _("suspendue"),
    "abandoned": lambda: _("abandonnée"),
}


# Each status's number colour and mark (the box's colours are in the template).
BOX_TEXTS = {
    "done": ("#ffffff", "✓ "),
    "current": ("#ffffff", ""),
    "suspended": ("#212529", "❚❚ "),
    "abandoned": ("#ffffff", "✕ "),
    "todo": ("#212529", ""),
}


# The statuses that say "the IC is (or stopped) here": their stage is outlined on a phone.
MARKED_HERE = ("current", "suspended", "abandoned")


@register.inclusion_tag("cycle/includes/cycle_picture.html")
def cycle_picture(project, dom_id="cycle"):
    reached = project.reached_phase()  # the read model: cycle.models.Project
    statuses = {status: str(label()) for status, label in STATUS_LABELS.items()}
    stages, descriptions, number = [], [], 0
    for index, definition in enumerate(STAGES):
        boxes = []
        for position, phase in enumerate(definition.phases):
            number += 1
            status, label = project.phase_status(phase, reached), str(phase.label)
            text_fill, mark = BOX_TEXTS[status]
            x = index * STAGE_WIDTH + position * (BOX_WIDTH + GAP) + 6
            boxes.append({
                "number": number, "label": label, "status": status,
                "status_label": statuses[status], "x": x, "text_x": x + BOX_WIDTH // 2,
                "text_fill": text_fill, "mark": mark,
            })
            descriptions.append(f"{number}. {label} : {statuses[status]}")
        stages.append({
            "label": str(definition.stage.label),
            "x": index * STAGE_WIDTH + 6,
            "center": index * STAGE_WIDTH + 6 + (3 * BOX_WIDTH + 2 * GAP) // 2,
            "boxes": boxes,
            "holds_the_ic": any(box["status"] in MARKED_HERE for box in boxes),
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


EVENT_ROW = (
    '<li class="border-start border-3 ps-3 pb-3 {border}" data-kind="{kind}">'
    '<div class="small text-body-secondary"><time datetime="{iso}">{when}</time>'
    " · {by} · {kind_label}{project}</div><div>{title}</div>{comment}</li>"
)
EVENT_LINK = '<a href="{}">{}</a>'
EVENT_COMMENT = '<div class="fst-italic">« {} »</div>'
EVENT_BORDERS = {
    "transition": "border-primary", "tick": "border-success", "grille": "border-info",
    "message": "border-warning", "document": "border-dark", "tender": "border-danger",
}


@register.simple_tag
def timeline_items(events, with_project=False):
    """The feed's rows, built in Python: a few hundred of them, each cheap to format.

    Labels and the time zone are looked up once for the list, not once per row;
    the date reads as ``|date:"j F Y à H:i"`` prints it. Every value is escaped.
    ``with_project``: each row names its IC (the feed of several ICs).
    """
    kinds = {kind.value: str(kind.label) for kind in timeline.kinds()}
    months = {number: str(name) for number, name in MONTHS.items()}
    unknown, zone = _("inconnu"), get_current_timezone()

    def row(event) -> str:
        at = event.at.astimezone(zone)
        title = escape(event.title)
        project = event.project if with_project else None
        return EVENT_ROW.format(
            border=EVENT_BORDERS.get(event.kind, "border-secondary"),
            kind=escape(event.kind),
            iso=at.isoformat(),
            when=escape(f"{at.day} {months[at.month]} {at.year} à {at:%H:%M}"),
            by=escape(str(event.by or unknown)),
            kind_label=escape(kinds.get(event.kind, event.kind)),
            project=f" · {escape(project.title)}" if project is not None else "",
            title=EVENT_LINK.format(escape(event.url), title) if event.url else title,
            comment=EVENT_COMMENT.format(escape(event.comment)) if event.comment else "",
        )

    # Every value is escaped in row(): the markup is ours.
    return mark_safe("\n".join(row(event) for event in events))  # noqa: S308
