from .actors import ProjectPartner, ProjectPrestataire, ProjectStructure
from .governance import CapitalisationItem, Committee, CommitteeMember, Meeting
from .planning import PlannedPhase
from .project import (
    BudgetTranche,
    Objective,
    Project,
    ProjectPilot,
    ProjectQuerySet,
    objectives_by_kind,
    referent_of,
    tranche_totals,
)
from .summary import ProjectSummary
from .tracking import ChecklistItem, PhaseTarget

__all__ = [
    "BudgetTranche",
    "CapitalisationItem",
    "ChecklistItem",
    "Committee",
    "CommitteeMember",
    "Meeting",
    "Objective",
    "PhaseTarget",
    "PlannedPhase",
    "Project",
    "ProjectPartner",
    "ProjectPilot",
    "ProjectPrestataire",
    "ProjectQuerySet",
    "ProjectStructure",
    "ProjectSummary",
    "objectives_by_kind",
    "referent_of",
    "tranche_totals",
]
