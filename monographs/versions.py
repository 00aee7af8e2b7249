"""Issued versions of the cahier des charges: content, criteria and PDF frozen together.

Higher apps plug in without being imported here: ``register_lock`` adds a check
that may forbid any further version (tenders: the reply deadline has passed),
``specification_issued`` tells them a version went out (tenders: notify the
invited firms of an avenant).
"""

from django.dispatch import Signal
from django.utils import timezone

from .models import IssuedSpecification, Specification

specification_issued = Signal()  # sender=Specification, version=IssuedSpecification, by=user

_locks = []

# Bookkeeping, not content: left out of the snapshot.
NOT_CONTENT = {"id", "project", "version", "updated_by", "updated_at"}


def register_lock(check):
    """``check(specification)`` returns a French reason why it can no longer change, or None."""
    _locks.append(check)
    return check


def lock_reasons(specification) -> list[str]:
    return [str(reason) for check in _locks if (reason := check(specification))]


def current_version(specification) -> IssuedSpecification | None:
    if specification is None or specification.pk is None:
        return None
    return specification.issued_versions.order_by("-number").first()


def snapshot(specification) -> dict:
    return {
        field.name: field.value_from_object(specification)
        for field in Specification._meta.concrete_fields if field.name not in NOT_CONTENT
    }


def freeze(specification, *, by, reason: str = "") -> IssuedSpecification:
    """Render the PDF now and store it with the content and criteria as the next version."""
    from dla_ic.pdf import render_pdf

    from .selectors import specification_context

    previous = current_version(specification)
    version = IssuedSpecification(
        specification=specification, number=previous.number + 1 if previous else 1,
        reason=reason.strip(), content=snapshot(specification),
        criteria=[
            {"pk": c.pk, "label": c.label, "weight": c.weight, "position": c.position}
            for c in specification.criteria.all()
        ],
        issued_at=timezone.now(), issued_by=by,
    )
    context = specification_context(specification.project, by) | {"issued_version": version}
    pdf = render_pdf("monographs/specification_pdf.html", context)
    name = f"cahiers-des-charges/{specification.project_id}-v{version.number}.pdf"
    version.attach(name, pdf)
    version.save()
    specification_issued.send(Specification, version=version, by=by)
    return version
