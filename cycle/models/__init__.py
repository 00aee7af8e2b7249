from .actors import ProjectPartner, ProjectPrestataire, ProjectStructure
from .governance import CapitalisationItem, Committee, CommitteeMember, Meeting
from .project import BudgetTranche, Objective, Project, ProjectPilot, tranche_totals
from .tracking import ChecklistItem

__all__ = [
    "BudgetTranche",
    "CapitalisationItem",
    "ChecklistItem",
    "Committee",
    "CommitteeMember",
    "Meeting",
    "Objective",
    "Project",
    "ProjectPartner",
    "ProjectPilot",
    "ProjectPrestataire",
    "ProjectStructure",
    "tranche_totals",
]
