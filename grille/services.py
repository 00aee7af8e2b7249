"""Operations on a grille: each one is atomic, checks, then does.

Content saves are guarded by the grille's ``version``: a save based on an
older version is refused (``GrilleConflict``) instead of overwriting someone
else's work. Workflow steps are django-fsm transitions, logged in
the one ``workflows.models.TransitionLog`` (the project's timeline shows them).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cycle.exceptions import TransitionRefused
from cycle.models import Project
from dla_ic.concurrency import RecordModifiedError, save_versioned
from meetings.attendance import by_planned_phase
from workflows import machines as workflow
from workflows.models import TransitionLog

from .models import (
    EvaluationAnswer,
    Grille,
    GrilleStatus,
    GrilleTheme,
    Phase,
    StructurePlanLink,
)
from .rules import can_edit_grille, can_review_grille
from .selectors import load_sheet, missing
from .vocabulary import TEXT_MAX

PRESENTATION_FIELDS = (
    "partnership_conception", "partnership_implementation", "intervenant_system", "roles_split",
    "type_wording",
)
ACTIONS_FIELDS = (
    "intervention_mode", "duration_months", "course_description", "days_detail", "work_method",
    "intervention_types", "plan_link", "restitution_on", "restitution_attendees",
    "restitution_takeaways",
)
EVALUATION_FIELDS = ("strengths", "watchpoints", "evaluation_elements")


class GrilleConflict(Exception):
    """The grille changed since the form was loaded."""

    message = _(
        "Quelqu'un d'autre a enregistré cette partie de la grille pendant que vous la "
        "remplissiez. Votre saisie est conservée ci-dessous, avec ce que l'autre personne a "
        "enregistré champ par champ : choisissez la valeur à garder, puis enregistrez de "
        "nouveau."
    )

    def __init__(self):
        super().__init__(str(self.message))


class GrilleLocked(Exception):
    def __init__(self, grille):
        if grille.status == GrilleStatus.VALIDATED:
            message = _("La grille est validée : elle ne peut plus être modifiée.")
        else:
            message = _("La grille a été remise : seul le chargé de mission peut la modifier.")
        self.message = message
        super().__init__(str(message))


def ensure_grille(project: Project) -> tuple[Grille, bool]:
    """The IC's grille, and whether this call created it."""
    return Grille.objects.get_or_create(project=project)


def content_editable(status: str, *, edit: bool, review) -> bool:
    """Whether someone with these rights may change a grille's content in ``status``
    (``review`` may be a callable, asked only when the status needs it)."""
    if not edit:
        return False
    if status in Grille.AUTHOR_EDITABLE:
        return True
    return status in Grille.REVIEWER_EDITABLE and bool(review() if callable(review) else review)


def may_edit_content(grille: Grille, user) -> bool:
    """Whether ``user`` may change the grille's content in its current status."""
    project = grille.project
    return content_editable(
        grille.status, edit=can_edit_grille(user, project),
        review=lambda: can_review_grille(user, project),
    )


def _save(grille: Grille, *, by, version: int, write) -> Grille:
    with transaction.atomic():
        current = Grille.objects.select_for_update().select_related("project").get(pk=grille.pk)
        if not can_edit_grille(by, current.project):
            raise PermissionDenied(_("Vous ne pouvez pas modifier cette grille."))
        if not may_edit_content(current, by):
            raise GrilleLocked(current)
        write(current)
        current.updated_by = by
        try:  # the version field (dla_ic.concurrency) refuses a save from an older version
            save_versioned(current, version)
        except RecordModifiedError as error:
            raise GrilleConflict() from error
    return current


def _assign(grille: Grille, data: dict, names: Iterable[str]) -> None:
    for name in names:
        setattr(grille, name, data[name])


def save_presentation(grille: Grille, *, by, version: int, data: dict) -> Grille:
    return _save(grille, by=by, version=version,
                 write=lambda g: _assign(g, data, PRESENTATION_FIELDS))


def save_actions(
    grille: Grille, *, by, version: int, data: dict, themes: list[tuple[str, str, str]],
    phases: list[dict], plan_links: dict[int, str],
) -> Grille:
    """``themes``: (axis, code, free_label); ``phases``: ordered dicts of Phase fields;
    ``plan_links``: participation id → text."""

    def write(g: Grille) -> None:
        _assign(g, data, ACTIONS_FIELDS)
        g.themes.all().delete()
        GrilleTheme.objects.bulk_create(
            GrilleTheme(grille=g, axis=axis, code=code, free_label=free, position=i)
            for i, (axis, code, free) in enumerate(themes)
        )
        rows = _with_attendance(g, phases)
        g.phases.all().delete()
        Phase.objects.bulk_create(
            Phase(grille=g, position=i, **phase) for i, phase in enumerate(rows, start=1)
        )
        allowed = set(g.project.participations.values_list("pk", flat=True))
        g.plan_links.all().delete()
        StructurePlanLink.objects.bulk_create(
            StructurePlanLink(grille=g, participation_id=pk, text=text)
            for pk, text in plan_links.items()
            if pk in allowed and text.strip()
        )

    return _save(grille, by=by, version=version, write=write)


def _with_attendance(g: Grille, phases: list[dict]) -> list[dict]:
    """The phases to write: one linked to a planned phase of the IC with held sessions
    takes their days and participants, whatever was posted; a handed-in grille (its
    reviewer editing) keeps those frozen at hand-in. Other phases keep the typed days."""
    allowed = set(g.project.planned_phases.values_list("pk", flat=True))
    if g.status in Grille.SUBMITTED_STATUSES:
        totals = {
            p.planned_phase_id: (p.days, p.participants)
            for p in g.phases.all() if p.planned_phase_id and p.participants is not None
        }
    else:
        totals = {pk: (t.days, t.participants) for pk, t in by_planned_phase(g.project).items()}
    rows = []
    for phase in phases:
        row = {**phase, "participants": None}
        if row.get("planned_phase_id") not in allowed:
            row["planned_phase_id"] = None
        if row["planned_phase_id"] in totals:
            row["days"], row["participants"] = totals[row["planned_phase_id"]]
        rows.append(row)
    return rows


def freeze_attendance(grille: Grille) -> None:
    """At hand-in: the linked phases' days and participants, as the sessions stand, are
    written once; the submitted grille, its monograph and PDFs read them from now on."""
    totals = by_planned_phase(grille.project)
    phases = list(grille.phases.filter(planned_phase__isnull=False))
    for phase in phases:
        total = totals.get(phase.planned_phase_id)
        phase.participants = total.participants if total else None
        if total:
            phase.days = total.days
    Phase.objects.bulk_update(phases, ["days", "participants"])


def save_evaluation(
    grille: Grille, *, by, version: int, data: dict, answers: dict[tuple[str, str], tuple]
) -> Grille:
    """``answers``: (question, sub_question) → (answer, text)."""

    def write(g: Grille) -> None:
        _assign(g, data, EVALUATION_FIELDS)
        g.answers.all().delete()
        EvaluationAnswer.objects.bulk_create(
            EvaluationAnswer(grille=g, question=q, sub_question=s, answer=a, text=t)
            for (q, s), (a, t) in answers.items()
            if a or t.strip()
        )

    return _save(grille, by=by, version=version, write=write)


@transaction.atomic
def set_expected_return(grille: Grille, *, on, version: int) -> Grille:
    """The date the grille is expected back, as seen at ``version`` (GrilleConflict if
    saved since). Its content's lock does not apply: a date is not the content."""
    current = Grille.objects.select_for_update().get(pk=grille.pk)
    current.expected_return_on = on
    try:
        save_versioned(current, version, update_fields=["expected_return_on"])
    except RecordModifiedError as error:
        raise GrilleConflict() from error
    return current


def _gaps(grille: Grille, transition) -> list[str]:
    """Before a transition declared ``requires_complete``: the incomplete parts."""
    if not transition.custom.get("requires_complete"):
        return []
    gaps = missing(load_sheet(grille.project, grille))
    return [
        _("Partie %(part)s incomplète : %(items)s.") % {"part": part, "items": ", ".join(items)}
        for part, items in gaps.items()
        if items
    ]


GRILLE = workflow.Machine(
    field="status",
    refused=_("« %(action)s » n'est pas possible quand la grille est « %(state)s »."),
    forbidden=_("Vous ne pouvez pas faire cette action sur cette grille."), blockers=_gaps,
)


def fire(grille: Grille, name: str, *, by, comment: str = "") -> TransitionLog:
    """Fire a workflow step by name (submit, send_back, validate, reopen); whom a step
    concerns hears of it through the notifications (grille.notices)."""
    if len((comment or "").strip()) > TEXT_MAX:
        raise TransitionRefused([
            _("Le commentaire ne peut dépasser %(max)s caractères.") % {"max": TEXT_MAX}
        ])
    with transaction.atomic():
        current = Grille.objects.select_for_update().select_related("project").get(pk=grille.pk)
        # the save moves the version: a part's form opened before is now stale
        log = workflow.fire(GRILLE, current, name, by=by, comment=comment)
        if name == "submit":
            freeze_attendance(current)
        return log


def submit(grille, *, by, comment=""):
    return fire(grille, "submit", by=by, comment=comment)


def send_back(grille, *, by, comment):
    return fire(grille, "send_back", by=by, comment=comment)


def validate(grille, *, by, comment=""):
    return fire(grille, "validate", by=by, comment=comment)


def reopen(grille, *, by, reason):
    return fire(grille, "reopen", by=by, comment=reason)


__all__ = [
    "GrilleConflict", "GrilleLocked", "content_editable", "ensure_grille", "fire",
    "may_edit_content", "reopen", "save_actions", "save_evaluation", "save_presentation",
    "send_back", "submit", "validate",
]
