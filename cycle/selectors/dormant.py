"""« IC dormantes »: ICs in their cycle that nobody touched for ``DORMANT_AFTER_DAYS``.

Touched: the IC saved (``updated_at``: every edit of its fields and every transition
saves it), a transition logged, a checklist item ticked. One query.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils import timezone

from workflows.models import TransitionLog

from ..models import ChecklistItem, Project
from ..states import PHASES
from .dashboard import visible_projects


def dormant_projects(user, *, now=None):
    cutoff = (now or timezone.now()) - timedelta(days=settings.DORMANT_AFTER_DAYS)
    logged = TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Project),  # cached after the first
        object_id=OuterRef("pk"),
        at__gte=cutoff,
    )
    ticked = ChecklistItem.objects.filter(project=OuterRef("pk"), done_at__gte=cutoff)
    return (
        visible_projects(user)
        .filter(state__in=PHASES, updated_at__lt=cutoff)
        .exclude(Exists(logged))
        .exclude(Exists(ticked))
        .only("pk", "title", "state", "updated_at")
        .order_by("updated_at", "pk")
    )
