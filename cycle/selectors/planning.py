"""The IC's planned phases as the next steps are proposed them (offer, grille part 2)."""


def planned_phases(project) -> list[dict]:
    """[{"title", "days"}…] in the IC's order; days may be None (not yet counted)."""
    return [
        {"title": title, "days": days}
        for title, days in project.planned_phases.order_by("position", "pk").values_list(
            "title", "days"
        )
    ]
