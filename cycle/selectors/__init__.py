"""Read-side queries of the cycle.

``dashboard``: the lists of ICs (what a user may see, the board, the table, the key
figures, the directory's pages); ``project``: one IC's page (its tabs, its history).
Both are read from here: ``from cycle.selectors import visible_projects``.
"""

from .dashboard import *  # noqa: F403 (every list selector, as before the split)
from .dormant import dormant_projects
from .planning import planned_phases
from .project import (
    TABS,
    TIMELINE_LIMIT,
    checklist_data,
    editable_project,
    guidance_project,
    page_data,
    participation_choices,
    pilot_users,
    road_map,
    tab_context,
    timeline,
    visible_project,
)
from .structure_space import structure_projects, structure_space

__all__ = [
    "TABS",
    "TIMELINE_LIMIT",
    "checklist_data",
    "dormant_projects",
    "editable_project",
    "guidance_project",
    "page_data",
    "participation_choices",
    "pilot_users",
    "planned_phases",
    "road_map",
    "structure_projects",
    "structure_space",
    "tab_context",
    "timeline",
    "visible_project",
]
