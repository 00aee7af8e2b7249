"""Views of one IC: its page, its cycle, its actors (split over the project_* modules)."""

from .project_actors import (
    project_capitalisation,
    project_committees,
    project_partners,
    project_prestataires,
    project_structures,
)
from .project_edit import project_create, project_update
from .project_page import (
    checklist_tick,
    project_checklist,
    project_detail,
    project_guidance,
    project_transition,
)

__all__ = [
    "checklist_tick",
    "project_capitalisation",
    "project_checklist",
    "project_committees",
    "project_create",
    "project_detail",
    "project_guidance",
    "project_partners",
    "project_prestataires",
    "project_structures",
    "project_transition",
    "project_update",
]
