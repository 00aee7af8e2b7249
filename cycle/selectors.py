"""Read-side queries of the cycle: what a user may see, with what it needs prefetched."""

from django.db.models import QuerySet

from .models import Project
from .rules import editable_q, visible_q


def visible_projects(user) -> QuerySet[Project]:
    q = visible_q(user)
    projects = Project.objects.all()
    if q is not None:
        # The role filters join through to-many relations: select ids to stay distinct.
        projects = projects.filter(pk__in=Project.objects.filter(q).values("pk"))
    return projects


def editable_projects(user) -> QuerySet[Project]:
    q = editable_q(user)
    projects = Project.objects.all()
    if q is not None:
        projects = projects.filter(pk__in=Project.objects.filter(q).values("pk"))
    return projects
