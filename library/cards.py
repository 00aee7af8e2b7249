"""A search result's card, written at index time from the published IC: its labels are
the ones the result page shows, computed once per validation instead of once per view."""

from django.utils.text import Truncator

from cycle.models import Project

SUMMARY_WORDS = 40


def subtitle(project: Project) -> str:
    """Type (as published), launch year, territorial scale, sectors."""
    parts = [project.grille.type_wording or project.get_ic_type_display()]
    if project.launched_on:
        parts.append(str(project.launched_on.year))
    if project.territorial_scale:
        parts.append(project.get_territorial_scale_display())
    sectors = [str(sector) for sector in project.sectors.all()]
    if sectors:
        parts.append(", ".join(sectors))
    return " · ".join(str(part) for part in parts)


def card(project: Project) -> dict:
    """What a result shows beside the IC's title (JSON: plain strings only)."""
    return {
        "subtitle": subtitle(project),
        "summary": Truncator(project.problem_statement).words(SUMMARY_WORDS),
        "themes": [str(theme.label) for theme in project.grille.themes.all()],
        "tools": [item.title for item in project.capitalisation_items.all()],
    }
