"""Writing and issuing the cahier des charges: check, then do."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cycle.exceptions import TransitionRefused
from cycle.models import Project
from dla_ic.concurrency import RecordModifiedError, save_versioned
from workflows import machines as workflow

from .checks import missing_for_issue
from .models import Carnet, Criterion, DisseminationMark, Specification
from .tasks import CARNET, enqueue_carnet
from .vocabulary import DEFAULT_CRITERIA


class SpecificationIncomplete(TransitionRefused):
    """The cahier des charges cannot be issued yet; ``missing`` says why, in French."""


class StaleEdit(Exception):
    """Someone saved the document since this user opened it."""

    message = _(
        "Ce cahier des charges a été modifié par quelqu'un d'autre depuis que vous l'avez "
        "ouvert. Votre saisie est conservée ci-dessous, avec ce que l'autre personne a "
        "enregistré champ par champ : choisissez la valeur à garder, puis enregistrez de "
        "nouveau."
    )


@transaction.atomic
def specification_for(project: Project) -> Specification:
    """The IC's cahier des charges, created with the default criteria on first use."""
    specification, created = Specification.objects.get_or_create(project=project)
    if created:
        Criterion.objects.bulk_create(
            Criterion(specification=specification, label=str(label), weight=weight, position=i)
            for i, (label, weight) in enumerate(DEFAULT_CRITERIA)
        )
    return specification


def default_criteria() -> list[dict]:
    return [{"label": str(label), "weight": weight, "position": i}
            for i, (label, weight) in enumerate(DEFAULT_CRITERIA)]


@transaction.atomic
def save_specification(project, form, criteria_formset, *, version: int, by) -> Specification:
    """Save the form and its criteria unless someone else saved in between."""
    specification = form.save(commit=False)
    specification.updated_by = by
    if specification.pk is None:
        if Specification.objects.filter(project=project).exists():
            raise StaleEdit(str(StaleEdit.message))
        specification.project = project
        specification.save()
    else:
        try:  # the version field (dla_ic.concurrency) refuses a save from an older version
            save_versioned(specification, version)
        except RecordModifiedError as error:
            raise StaleEdit(str(StaleEdit.message)) from error
    criteria_formset.instance = specification
    criteria_formset.save()
    return specification


@transaction.atomic
def issue_specification(specification: Specification, *, by) -> Project:
    """Record the issue date on the IC (the cycle's guard reads it) and freeze version 1."""
    from .versions import current_version, freeze

    project = Project.objects.select_for_update().get(pk=specification.project_id)
    specification.project = project
    if current_version(specification):
        raise SpecificationFrozen([ALREADY_ISSUED])
    if missing := missing_for_issue(specification):
        raise SpecificationIncomplete(missing)
    project.specification_issued_on = timezone.localdate()
    project._history_user = by
    # With the version: an IC form opened before the issue is now stale, not a silent revert.
    save_versioned(project, None, update_fields=["specification_issued_on", "updated_at"])
    freeze(specification, by=by)
    return project


class SpecificationFrozen(TransitionRefused):
    """The issued cahier des charges cannot change now, or not without a reasoned avenant."""


ALREADY_ISSUED = _(
    "Le cahier des charges est déjà émis : toute modification fait l'objet d'un avenant motivé."
)


def missing_to_amend(specification, reason: str) -> list[str]:
    from .versions import lock_reasons

    return lock_reasons(specification) + (
        [] if reason.strip() else [str(_("Indiquez le motif de l'avenant."))]
    )


@transaction.atomic
def amend_specification(project, form, criteria_formset, *, version: int, by, reason: str):
    """An issued cahier des charges changes only as a new version (avenant) with its reason."""
    from .versions import freeze

    specification = Specification.objects.select_for_update().get(pk=form.instance.pk)
    if missing := missing_to_amend(specification, reason):
        raise SpecificationFrozen(missing)
    specification = save_specification(project, form, criteria_formset, version=version, by=by)
    if missing := missing_for_issue(specification):
        raise SpecificationIncomplete(missing)
    freeze(specification, by=by, reason=reason)
    return specification


@transaction.atomic
def amend_fields(specification, *, by, reason: str, **changes) -> Specification:
    """The same avenant without a form (demo, scripts): same checks, a new version."""
    from .versions import freeze

    specification = Specification.objects.select_for_update().get(pk=specification.pk)
    if missing := missing_to_amend(specification, reason):
        raise SpecificationFrozen(missing)
    for name, value in changes.items():
        setattr(specification, name, value)
    specification.updated_by = by
    specification.save()
    freeze(specification, by=by, reason=reason)
    return specification


def save_or_amend(project, form, criteria_formset, *, version: int, by, reason: str = ""):
    """Save a draft, or amend an issued one; a criterion already scored is never deleted."""
    from .versions import current_version

    try:
        if current_version(form.instance):
            return amend_specification(
                project, form, criteria_formset, version=version, by=by, reason=reason
            )
        return save_specification(project, form, criteria_formset, version=version, by=by)
    except ProtectedError as error:
        # The protected rows are scores (a higher app's); name their criterion.
        labels = sorted({getattr(o, "criterion", o).label for o in error.protected_objects})
        raise SpecificationFrozen([str(_(
            "Le critère « %(label)s » a déjà été noté : il ne peut pas être supprimé."
        ) % {"label": ", ".join(labels)})]) from error


@transaction.atomic
def request_carnet(*, by, title: str, projects) -> Carnet:
    """Create a carnet of the given published ICs, printed in that order, and queue its build."""
    projects = list(projects)
    carnet = Carnet.objects.create(
        title=title.strip(), requested_by=by, order=[p.pk for p in projects]
    )
    carnet.projects.set(projects)
    return enqueue_carnet(carnet)


def retry_carnet(carnet: Carnet, *, by=None) -> Carnet:
    """Queue a failed (or interrupted) carnet again; ``by``: who relaunches it (default:
    its requester)."""
    with transaction.atomic():
        workflow.fire(CARNET, carnet, "retry", by=by or carnet.requested_by)
        return enqueue_carnet(carnet)


# --- « à diffuser »: the C2RA's picks, which a carnet is compiled from


@transaction.atomic
def mark_for_dissemination(*, project: Project, by) -> None:
    """Idempotent: marking a marked monograph changes nothing."""
    DisseminationMark.objects.get_or_create(project=project, defaults={"marked_by": by})


@transaction.atomic
def unmark_for_dissemination(*, project: Project, by) -> None:
    """Idempotent too: unmarking an unmarked monograph changes nothing."""
    DisseminationMark.objects.filter(project=project).delete()
