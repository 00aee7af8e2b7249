"""Reads: the IC page's button, a person's bundles of an IC."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from cycle.page_links import PageLink

from .models import AuditBundle

# The roles that may reach the IC's page and ask for its bundle (audit.rules decides).
ASKING_ROLES = {Role.CHARGE_MISSION, Role.C2RA}


def audit_link(user, project) -> PageLink | None:
    """« Dossier d'audit (ZIP) » on the IC's page, for its DLA team and admins. No query: the
    cycle calls it for a person who reads the IC's page, whose DLA team is then theirs."""
    if not (user.is_admin_role or user.role in ASKING_ROLES):
        return None
    return PageLink(
        label=_("Dossier d'audit (ZIP)"),
        url=reverse("audit:project", args=[project.pk]),
        testid="audit-link",
    )


def bundles_of(user, project):
    return AuditBundle.objects.filter(project=project, requested_by=user).order_by(
        "-created_at", "-pk"
    )[:20]
