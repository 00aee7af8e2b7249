"""Reads: an IC's retention end for its page, and the visible IC."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import Role
from cycle.models import Project
from cycle.page_links import PageLink
from cycle.rules import visible_q

from . import retention


def retention_link(user, project) -> PageLink | None:
    """« Conservation jusqu'au … » on an ended IC's page (not in the structures' space)."""
    if user.role == Role.STRUCTURE or project.state not in retention.ENDED:
        return None
    end = retention.project_end(project)
    if end is None:
        return None
    return PageLink(
        label=_("Conservation jusqu'au %(end)s") % {"end": formats.date_format(end, "j F Y")},
        url=reverse("privacy:project_retention", kwargs={"pk": project.pk}),
        testid="retention-link",
    )


def visible_project(user, pk) -> Project:
    q = visible_q(user)
    projects = Project.objects.all() if q is None else Project.objects.filter(q).distinct()
    return get_object_or_404(projects, pk=pk)
