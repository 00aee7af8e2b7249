"""Asking for an audit bundle: once per IC and person while one is being built."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PENDING, AuditBundle, BundleStatus
from .tasks import enqueue_bundle


def pending_bundle(*, project, by) -> AuditBundle | None:
    return AuditBundle.objects.filter(project=project, requested_by=by, status__in=PENDING).first()


def request_bundle(*, project, by) -> tuple[AuditBundle, bool]:
    """The bundle being built for ``by`` on ``project``, or a new one queued: (bundle, new)."""
    existing = pending_bundle(project=project, by=by)
    if existing is not None and existing.is_stale:
        AuditBundle.objects.filter(pk=existing.pk, status=BundleStatus.RUNNING).update(
            status=BundleStatus.FAILED, finished_at=timezone.now(),
            error=_("Interrompu : le processus de fond ne répond plus."),
        )
    elif existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            bundle = AuditBundle.objects.create(project=project, requested_by=by)
            enqueue_bundle(bundle)
    except IntegrityError:  # asked twice at the same instant: the other request won
        return pending_bundle(project=project, by=by), False
    return bundle, True
