"""Dating checklist items and freezing the agenda's day, for the agenda's tests."""

from datetime import date

from agenda import selectors

TODAY = date(2026, 11, 18)  # a Wednesday


def freeze(monkeypatch):
    """The agenda's "today" (buckets, overdue, planned meetings), frozen to ``TODAY``."""
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    return TODAY


def due(project, due_on, *, position=0, assignee=None):
    """Date the ``position``-th item (ticked by hand) of the IC's current checklist."""
    from cycle import checklists

    items = [
        item
        for item in project.checklist.filter(phase=project.state).order_by("position")
        if not checklists.answer_for(item.phase, item.code)
    ]
    item = items[position]
    item.due_on, item.assignee = due_on, assignee
    item.save()
    return item
