"""Operations on an IC that touch several models: each one checks, then does.

Views call these and nothing else to change an IC's cycle; each runs in one
transaction so a transition, its save and its log row stand or fall together.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import TransitionNotAllowed

from directory.services import create_partner, name_key
from dla_ic.concurrency import RecordModifiedError, save_versioned
from workflows import machines as workflow
from workflows.models import TransitionLog

from . import notices, summaries
from .checklists import CHECKLISTS, answer_for
from .exceptions import TransitionConflict, TransitionRefused
from .guards import missing_for
from .models import ChecklistItem, PhaseTarget, Project, ProjectPilot
from .states import State, next_state

CREATION = "create"
CYCLE = workflow.Machine(
    field="state",
    refused=_("« %(action)s » n'est pas possible depuis « %(state)s »."),
    forbidden=_("Vous ne pilotez pas cette ingénierie collective."),
)
PARTICIPATION = workflow.Machine(
    field="status",
    refused=_("« %(action)s » n'est pas possible pour une participation « %(state)s »."),
    forbidden=_("Vous ne pilotez pas cette ingénierie collective."),
)


def sync_checklist(project: Project) -> None:
    """Create the checklist rows the methodology declares and the project lacks."""
    existing = set(project.checklist.values_list("phase", "code"))
    position = 0
    missing = []
    for phase, items in CHECKLISTS.items():
        for code, _label in items:
            position += 1
            if (phase, code) not in existing:
                missing.append(
                    ChecklistItem(project=project, phase=phase, code=code, position=position)
                )
    ChecklistItem.objects.bulk_create(missing)


@transaction.atomic
def create_project(*, by, organisations=(), referent=None, **fields) -> Project:
    """Create an IC piloted by ``organisations`` (default: the creator's), with its checklist."""
    project = Project.objects.create(created_by=by, **fields)
    organisations = list(organisations) or [by.organisation]
    referent = referent or organisations[0]
    ProjectPilot.objects.bulk_create(
        ProjectPilot(project=project, organisation=org, is_referent=org == referent)
        for org in organisations
        if org is not None
    )
    sync_checklist(project)
    summaries.refresh([project.pk])  # its pilots came in bulk, without signals
    TransitionLog.objects.create(
        subject=project, transition=CREATION, source="", target=project.state, by=by,
        at=timezone.now(), comment=str(_("Création de l'ingénierie collective")),
    )
    return project


def _fire(project: Project, name: str, *, by, comment: str = "") -> TransitionLog:
    source = project.state
    try:
        return workflow.fire(CYCLE, project, name, by=by, comment=comment)
    except RecordModifiedError as error:
        raise TransitionConflict() from error
    except TransitionNotAllowed as error:  # the data changed between the check and the save
        raise TransitionRefused(missing_for(project, next_state(source))) from error


def advance(project: Project, *, by, comment: str = "") -> TransitionLog:
    return _fire(project, "advance", by=by, comment=comment)


def step_back(project: Project, *, by, reason: str) -> TransitionLog:
    return _fire(project, "step_back", by=by, comment=reason)


def suspend(project: Project, *, by, reason: str) -> TransitionLog:
    return _fire(project, "suspend", by=by, comment=reason)


def resume(project: Project, *, by, comment: str = "") -> TransitionLog:
    return _fire(project, "resume", by=by, comment=comment)


def abandon(project: Project, *, by, reason: str) -> TransitionLog:
    return _fire(project, "abandon", by=by, comment=reason)


def fire(project: Project, name: str, *, by, comment: str = "") -> TransitionLog:
    """Fire a transition by name (as a button posts it); reasons go in ``comment``."""
    return _fire(project, name, by=by, comment=comment)


class ChecklistConflict(Exception):
    """Someone else ticked or annotated the item since the page was drawn."""

    message = _(
        "Quelqu'un d'autre a modifié ce point pendant que vous le cochiez : votre saisie est "
        "conservée, avec ce que l'autre personne a enregistré. Choisissez, puis enregistrez."
    )


class ChecklistAnswered(Exception):
    """The item is answered by a fact of the IC: the app ticks it, nobody by hand."""

    def __init__(self, item: ChecklistItem):
        answer = answer_for(item.phase, item.code)
        self.message = _(
            "« %(label)s » se coche seul : l'application le tient pour fait dès que "
            "« %(why)s ». Enregistrez ce fait à sa place, la liste suivra."
        ) % {"label": item.label, "why": answer.why}
        super().__init__(self.message)


@transaction.atomic
def tick_checklist_item(
    item: ChecklistItem, *, by, done: bool, note: str = "", version: int | None = None
) -> ChecklistItem:
    """Tick or untick ``item`` as seen at ``version`` (default: as loaded); raises
    ChecklistConflict if someone saved it since, ChecklistAnswered if the app answers it."""
    if answer_for(item.phase, item.code):
        raise ChecklistAnswered(item)
    item.done = done
    item.note = note.strip()
    item.done_by = by if done else None
    item.done_at = timezone.now() if done else None
    try:
        save_versioned(item, version, update_fields=["done", "note", "done_by", "done_at"])
    except RecordModifiedError as error:
        raise ChecklistConflict() from error
    return item


@transaction.atomic
def set_checklist_due(
    item: ChecklistItem, *, due_on, assignee=None, version: int | None = None, by=None
) -> ChecklistItem:
    """Date ``item`` and name who does it (None: the IC's chargés de mission), as seen at
    ``version``; raises ChecklistConflict if someone saved it since. A new assignee hears
    of it, unless they chose themselves (``by``)."""
    previous = item.assignee_id
    item.due_on = due_on
    item.assignee = assignee
    try:
        save_versioned(item, version, update_fields=["due_on", "assignee"])
    except RecordModifiedError as error:
        raise ChecklistConflict() from error
    if assignee is not None and assignee.pk not in (previous, getattr(by, "pk", None)):
        notices.tell_checklist_assigned(item, by=by)
    return item


class TargetsConflict(Exception):
    """Someone else set the sub-phases' targets since the page was drawn."""

    message = _(
        "Quelqu'un d'autre a modifié les échéances des sous-phases pendant que vous les "
        "saisissiez : rien n'a été enregistré. Votre saisie est conservée ci-dessous ; "
        "vérifiez-la, puis enregistrez de nouveau."
    )

    def __init__(self):
        super().__init__(str(self.message))


@transaction.atomic
def set_phase_targets(project: Project, *, targets: dict, seen: dict) -> None:
    """Save ``targets`` ({sub-phase: date or None}); ``seen``: the saved dates the form
    showed ("" for none): one changed since by someone else raises TargetsConflict."""
    rows = {t.phase: t for t in project.phase_targets.select_for_update()}
    now = {phase: (rows[phase].due_on.isoformat() if phase in rows else "") for phase in seen}
    if now != seen:
        raise TargetsConflict()
    for phase, due_on in targets.items():
        if due_on is None:
            if phase in rows:
                rows[phase].delete()
        elif phase not in rows:
            PhaseTarget.objects.create(project=project, phase=phase, due_on=due_on)
        elif rows[phase].due_on != due_on:
            rows[phase].due_on = due_on
            rows[phase].save(update_fields=["due_on", "version"])


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


# --- the project page: what a user may fire now, editing without lost work, actors
# (appended for the chargé de mission's workspace; the functions above are unchanged)

class EditConflict(Exception):
    """Someone else saved the IC since the form was displayed."""

    message = _(
        "Quelqu'un d'autre a enregistré cette ingénierie collective pendant que vous la "
        "modifiiez. Votre saisie est conservée ci-dessous, avec ce que l'autre personne a "
        "enregistré champ par champ : choisissez la valeur à garder, puis enregistrez de "
        "nouveau."
    )

    def __init__(self):
        super().__init__(str(self.message))


# The transition to the next sub-phase: the one that ticks, on the way, what the user
# checks of the sub-phase's checklist.
TICKS_WITH = "advance"


def available_transitions(project: Project) -> list[dict]:
    """The transitions the cycle offers from the project's state, as declared (see
    workflows.machines.menu), each saying if it ``carries_ticks``. Permissions are the
    caller's (``cycle.drive_cycle``)."""
    entries = workflow.menu(project, "state")
    for entry in entries:
        entry["carries_ticks"] = entry["name"] == TICKS_WITH
    return entries


@transaction.atomic
def fire_from(project: Project, name: str, *, by, seen_state: str, comment: str = "",
              ticks=()):
    """Fire ``name`` only if the project is still in ``seen_state`` (the state the
    user saw when the button was drawn): a double click or a second tab fires once.

    ``ticks``: pks of checklist items the user checked in the forward transition's form,
    ticked by ``by`` in the same transaction: a refused transition ticks nothing."""
    if seen_state != project.state:
        raise TransitionConflict()
    if name == TICKS_WITH:
        _tick_on_the_way(project, ticks, by=by)
    return fire(project, name, by=by, comment=comment)


def _tick_on_the_way(project: Project, ticks, *, by) -> None:
    """Tick the items of ``ticks`` still to tick by hand in the project's sub-phase; the
    others (another sub-phase's, another IC's, answered by the app) are ignored."""
    items = project.checklist.filter(phase=project.state, pk__in=list(ticks), done=False)
    for item in items:
        if answer_for(item.phase, item.code):
            continue
        try:
            tick_checklist_item(item, by=by, done=True, note=item.note)
        except ChecklistConflict:
            # Someone saved this item since we read it (ticked it, most likely): theirs
            # stands, the item is simply already done; no conflict to show.
            continue


def set_pilots(project: Project, organisations, referent) -> None:
    """Make ``organisations`` the project's pilots, ``referent`` the one référent."""
    organisations = list(organisations)
    if referent is not None and referent not in organisations:
        organisations.append(referent)
    wanted = {org.pk for org in organisations}
    project.pilotages.exclude(organisation_id__in=wanted).delete()
    project.pilotages.update(is_referent=False)
    existing = set(project.pilotages.values_list("organisation_id", flat=True))
    ProjectPilot.objects.bulk_create(
        ProjectPilot(project=project, organisation=org) for org in organisations
        if org.pk not in existing
    )
    if referent is not None:
        project.pilotages.filter(organisation=referent).update(is_referent=True)
    summaries.refresh([project.pk])  # bulk writes above: no signals


def number_rows(rows, *, group=None) -> None:
    """Number ``rows`` (objectives, tranches) 1..n in the order given, the order the user
    arranged them in; 1..n within each ``group(row)`` if given (an objective's kind).
    Only the rows whose number moves are saved."""
    counts = defaultdict(int)
    for row in rows:
        key = group(row) if group else None
        counts[key] += 1
        if row.position != counts[key]:
            row.position = counts[key]
            row.save(update_fields=["position"])


def add_new_funders(project: Project, *, requests) -> list:
    """Create the funders typed in place on the IC form, each with one directory entry
    (one per name, even typed on two tranches), a funder of its tranches and a partner
    of the IC with the funder role. ``requests``: (tranche, {name, kind, european_social_fund})
    pairs."""
    from .vocabulary import PartnerRole

    created = {}
    for tranche, fields in requests:
        key = name_key(fields["name"]) or fields["name"]
        if key not in created:
            created[key] = create_partner(confirmed=True, **fields)
            link_partner(project, partner=created[key], role=PartnerRole.FUNDER)
        tranche.funders.add(created[key])
    return list(created.values())


def _save_relations(project: Project, relations: dict, dependents) -> None:
    for name, values in (relations or {}).items():
        getattr(project, name).set(values)
    for dependent in dependents:  # inline formsets (objectives, budget tranches)
        dependent.instance = project
        dependent.save()
        number_rows(dependent.rows_in_order(), group=dependent.numbering_group)
        if hasattr(dependent, "new_funders"):
            add_new_funders(project, requests=dependent.new_funders())


@transaction.atomic
def create_project_with_details(
    *, by, fields: dict, relations: dict | None = None, organisations=(), referent=None,
    dependents=(),
) -> Project:
    """Create an IC (``create_project``) with its many-to-many data and inline rows."""
    project = create_project(by=by, organisations=organisations, referent=referent, **fields)
    _save_relations(project, relations, dependents)
    return project


def update_project(
    project: Project, *, by, version: int, relations: dict | None = None,
    organisations=None, referent=None, dependents=(),
) -> Project:
    """Save the edited ``project`` if nobody saved it since ``version`` was read.

    ``project`` carries the new field values (a ModelForm's instance). Its version
    field (dla_ic.concurrency) refuses a stale save, a change of state included.
    Raises EditConflict.
    """
    try:
        with transaction.atomic():
            project._history_user = by
            save_versioned(project, version)
            if organisations is not None:
                set_pilots(project, organisations, referent)
            _save_relations(project, relations, dependents)
    except RecordModifiedError as error:
        project.version = version
        raise EditConflict() from error
    return project


def _create_checked(model, **fields):
    instance = model(**fields)
    instance.full_clean()
    instance.save()
    return instance


def link_partner(project: Project, *, partner, role: str, contribution: str = ""):
    from .models import ProjectPartner

    return _create_checked(
        ProjectPartner, project=project, partner=partner, role=role,
        contribution=contribution.strip(),
    )


@transaction.atomic
def link_partner_roles(project: Project, *, partner, roles, contribution: str = "") -> list:
    """A partner with one or several roles in the IC: one partnership row per role, all
    or none (a role it already holds is refused, named)."""
    from django.core.exceptions import ValidationError

    from .vocabulary import PartnerRole

    held = project.partnerships.filter(partner=partner, role__in=roles).values_list(
        "role", flat=True
    )
    if held:
        labels = ", ".join(f"« {PartnerRole(role).label} »" for role in held)
        raise ValidationError(
            _("%(partner)s a déjà dans l'IC le rôle %(roles)s.")
            % {"partner": partner, "roles": labels}
        )
    return [
        link_partner(project, partner=partner, role=role, contribution=contribution)
        for role in roles
    ]


def unlink_partner(partnership) -> None:
    partnership.delete()


def add_participation(project: Project, *, structure):
    from .models import ProjectStructure

    return _create_checked(ProjectStructure, project=project, structure=structure)


def remove_participation(participation) -> None:
    """A structure added by mistake; one whose participation has moved keeps its history:
    it is withdrawn, not removed."""
    from django.core.exceptions import ValidationError
    from django.db.models import ProtectedError

    try:
        participation.delete()
    except ProtectedError as error:
        raise ValidationError(_(
            "La participation de cette structure a déjà évolué : retirez-la (avec un motif) "
            "plutôt que de la supprimer."
        )) from error


def participation_moves(status: str) -> list:
    """The moves declared from ``status``, in their declaration order (django-fsm's
    Transitions: ``name``, ``target``, ``custom``)."""
    from .models import ProjectStructure

    return workflow.offered(ProjectStructure(status=status), "status")


def participation_targets() -> list[tuple[str, str]]:
    """(status, label) of each status a declared move leads to, in the statuses' order."""
    from .models import ProjectStructure
    from .vocabulary import ParticipationStatus

    targets = {t.target for t in workflow.declared(ProjectStructure, "status").values()}
    return [(value, label) for value, label in ParticipationStatus.choices if value in targets]


def move_participation(participation, *, status: str, by, reason: str = "", version=None):
    """Move a structure's participation to ``status`` through the transition declared for it
    (identified → contacted → committed; any of them → withdrew, with a reason).

    ``version``: the participation as the user saw it (default: as loaded)."""
    from django.core.exceptions import ValidationError

    from .vocabulary import ParticipationStatus

    if version is not None and version != participation.version:  # say what changed first
        raise _participation_conflict(participation)

    move = next((t for t in participation_moves(participation.status) if t.target == status), None)
    if move is None:
        raise ValidationError(
            _("Une participation « %(source)s » ne peut passer à « %(target)s ».")
            % {
                "source": participation.get_status_display(),
                "target": ParticipationStatus(status).label
                if status in ParticipationStatus.values else status,
            }
        )
    try:
        workflow.fire(
            PARTICIPATION, participation, move.name, by=by,
            comment=reason if move.custom["reason"] else "",
        )
    except TransitionRefused as refused:
        raise ValidationError(refused.missing) from refused
    except RecordModifiedError as error:
        raise _participation_conflict(participation) from error
    return participation


@transaction.atomic
def move_participations(participations, *, status: str, by, reason: str = "",
                        versions=None) -> list:
    """Move several participations to ``status`` at once (the bulk action): all or none.

    Each moves through its own declared transition, as ``move_participation``; one
    already at ``status`` is left as it is. If any is refused, none moves: the
    ValidationError lists every refusal, each naming its structure. ``versions``:
    pk → the version the user saw. Returns the participations moved."""
    from django.core.exceptions import ValidationError

    refusals, moved = [], []
    for participation in participations:
        if participation.status == status:
            continue
        try:
            move_participation(
                participation, status=status, by=by, reason=reason,
                version=(versions or {}).get(participation.pk),
            )
        except ValidationError as refused:
            refusals.extend(
                _("« %(structure)s » : %(message)s")
                % {"structure": participation.structure.name, "message": message}
                for message in refused.messages
            )
        else:
            moved.append(participation)
    if refusals:  # raised inside the transaction: the others' moves are rolled back
        raise ValidationError(refusals)
    return moved


def _consent_saved(participation, *, by, version, consent: bool, at=None):
    if version is not None and version != participation.version:
        raise _participation_conflict(participation)
    participation.publication_consent = consent
    participation.consent_recorded_at = (at or timezone.now()) if consent else None
    participation.consent_recorded_by = by if consent else None
    participation._history_user = by  # who changed it, in the participation's history
    try:
        save_versioned(participation, None, update_fields=[
            "publication_consent", "consent_recorded_at", "consent_recorded_by",
        ])
    except RecordModifiedError as error:
        raise _participation_conflict(participation) from error
    return participation


def record_consent(participation, *, by, version=None, at=None):
    """The structure agrees to be named in the IC's publications: recorded now, by ``by``.

    ``version``: the participation as the user saw it (default: as loaded)."""
    return _consent_saved(participation, by=by, version=version, consent=True, at=at)


def withdraw_consent(participation, *, by, version=None):
    """The structure no longer agrees to be named (its history keeps who withdrew it)."""
    return _consent_saved(participation, by=by, version=version, consent=False)


def _participation_conflict(participation):
    """What the other person saved, for the user whose move was refused."""
    from django.core.exceptions import ValidationError

    fresh = type(participation).objects.get(pk=participation.pk)
    reason = f" ({fresh.withdrawal_reason})" if fresh.withdrawal_reason else ""
    return ValidationError(
        _("Quelqu'un d'autre a changé cette participation entre-temps : elle est maintenant "
          "« %(status)s »%(reason)s. Votre choix est conservé ci-dessous : validez de nouveau "
          "pour l'appliquer.") % {"status": fresh.get_status_display(), "reason": reason}
    )


def add_committee(project: Project, *, kind: str, purpose: str = ""):
    from .models import Committee

    return _create_checked(Committee, project=project, kind=kind, purpose=purpose.strip())


class StaleEdit(Exception):
    """Someone saved this row since the user's form was drawn (dla_ic.concurrency)."""

    message = _(
        "Quelqu'un d'autre a enregistré ces données pendant que vous les modifiiez : votre "
        "saisie est conservée, avec ce que l'autre personne a enregistré champ par champ. "
        "Choisissez, puis enregistrez de nouveau."
    )


def record_opinion(
    committee, *, opinion: str, opinion_on=None, capitalisation_opinion: str = "",
    capitalisation_opinion_on=None, version=None,
):
    """The comité d'appui's opinion on the démarche and, later, on the capitalisation."""
    committee.opinion = opinion.strip()
    committee.opinion_on = opinion_on
    committee.capitalisation_opinion = capitalisation_opinion.strip()
    committee.capitalisation_opinion_on = capitalisation_opinion_on
    fields = ["opinion", "opinion_on", "capitalisation_opinion", "capitalisation_opinion_on"]
    try:
        save_versioned(committee, version, update_fields=fields)
    except RecordModifiedError as error:
        raise StaleEdit(str(StaleEdit.message)) from error
    return committee


def add_committee_member(committee, **fields):
    from .models import CommitteeMember

    return _create_checked(CommitteeMember, committee=committee, **fields)


def add_meeting(committee, *, held_on, attendees: str = "", decisions: str = ""):
    from .models import Meeting

    return _create_checked(
        Meeting, committee=committee, held_on=held_on, attendees=attendees.strip(),
        decisions=decisions.strip(),
    )


@transaction.atomic
def assign_prestataire(project: Project, *, prestataire, selected_on=None, mission="",
                       intervenants=()):
    from .models import ProjectPrestataire

    assignment = _create_checked(
        ProjectPrestataire, project=project, prestataire=prestataire, selected_on=selected_on,
        mission=mission.strip(),
    )
    set_intervenants(assignment, intervenants)
    return assignment


@transaction.atomic
def set_intervenants(assignment, intervenants, *, version=None) -> None:
    """The intervenants the firm sends; only its own consultants. ``version``: the
    assignment as the user saw it; a change saved since is refused, not overwritten."""
    from django.core.exceptions import ValidationError

    intervenants = list(intervenants)
    if any(i.prestataire_id != assignment.prestataire_id for i in intervenants):
        raise ValidationError(_("Un intervenant n'appartient pas à ce prestataire."))
    try:
        save_versioned(assignment, version, update_fields=[])  # moves the version only
    except RecordModifiedError as error:
        current = ", ".join(map(str, assignment.intervenants.all())) or "—"
        raise ValidationError(
            _("Quelqu'un d'autre a changé les intervenants entre-temps : %(current)s. Votre "
              "choix est conservé ci-dessous : enregistrez de nouveau pour l'appliquer.")
            % {"current": current}
        ) from error
    assignment.intervenants.set(intervenants)


def unassign_prestataire(assignment) -> None:
    assignment.delete()


def add_capitalisation_item(project: Project, **fields):
    from .models import CapitalisationItem

    return _create_checked(CapitalisationItem, project=project, **fields)


def remove_capitalisation_item(item) -> None:
    item.delete()


@transaction.atomic
def add_planned_phase(project: Project, *, title: str, days=None, description: str = ""):
    """A phase of the projet d'intervention, after the IC's last one."""
    from .models import PlannedPhase

    last = project.planned_phases.order_by("-position").values_list("position", flat=True)
    return _create_checked(
        PlannedPhase, project=project, position=(last.first() or 0) + 1, title=title.strip(),
        days=days, description=description.strip(),
    )


def remove_planned_phase(phase) -> None:
    """Refused (ValidationError) while something kept points at it (its sessions)."""
    try:
        with transaction.atomic():
            phase.delete()
    except ProtectedError as error:
        raise ValidationError(_(
            "Cette phase ne peut être retirée : des séances y sont rattachées. "
            "Rattachez-les d'abord à une autre phase."
        )) from error


@transaction.atomic
def create_and_link_partner(project: Project, *, fields: dict, role: str = "", roles=(),
                            contribution=""):
    """A partner not yet in the directory: create it (the form asked about near
    duplicates already), then give it its role(s) in the IC."""
    from directory import services as directory

    partner = directory.create_partner(confirmed=True, **fields)
    roles = [*roles, *([role] if role else [])]
    return link_partner_roles(project, partner=partner, roles=roles, contribution=contribution)


@transaction.atomic
def create_and_add_structure(project: Project, *, fields: dict):
    from directory import services as directory

    structure = directory.create_structure(confirmed=True, **fields)
    return add_participation(project, structure=structure)


@transaction.atomic
def create_and_assign_prestataire(project: Project, *, fields: dict, selected_on=None,
                                  mission=""):
    from directory import services as directory

    prestataire = directory.create_prestataire(confirmed=True, **fields)
    return assign_prestataire(
        project, prestataire=prestataire, selected_on=selected_on, mission=mission
    )


MAX_NEW_STRUCTURES = 30


class RowsRefused(Exception):
    """Rows of a batch refused: ``errors`` maps a row's index to {field: [messages]}
    (field None: the row as a whole). Nothing of the batch was saved."""

    def __init__(self, errors: dict):
        self.errors = errors
        super().__init__(errors)


def repeated_rows(rows: list[dict]) -> dict:
    """Rows naming a structure (same name, or same SIRET) an earlier row already names:
    index → {field: [message]}, the message beside the later row."""
    seen, errors = {}, {}
    for index, row in enumerate(rows):
        keys = {"name": name_key(row.get("name") or ""), "siret": row.get("siret") or ""}
        for field, key in keys.items():
            if not key:
                continue
            if (field, key) in seen:
                errors.setdefault(index, {})[field] = [_(
                    "Déjà saisie à la ligne %(row)d de ce formulaire."
                ) % {"row": seen[(field, key)] + 1}]
            else:
                seen[(field, key)] = index
    return errors


def _batch_refusal(rows: list[dict]) -> dict:
    """Why rows of a batch cannot be saved, checked against the directory as it was
    before the batch (the batch's own rows are compared by repeated_rows)."""
    from django.core.exceptions import ValidationError

    from directory import services as directory
    from directory.models import BeneficiaryStructure

    errors = repeated_rows(rows)
    taken = dict(BeneficiaryStructure.objects.filter(
        siret__in=[row["siret"] for row in rows if row.get("siret")]
    ).values_list("siret", "name"))
    for index, row in enumerate(rows):
        fields = {name: value for name, value in row.items() if name != "confirmed"}
        try:  # the SIRET's uniqueness below, naming the structure that has it
            BeneficiaryStructure(**fields).full_clean(validate_unique=False)
        except ValidationError as refused:
            errors.setdefault(index, {}).update(refused.message_dict)
        if row.get("siret") in taken:
            errors.setdefault(index, {})["siret"] = [_(
                "Ce SIRET est celui de « %(name)s », déjà dans l'annuaire : ajoutez-la par "
                "« Repérer une structure de l'annuaire »."
            ) % {"name": taken[row["siret"]]}]
        if not row.get("confirmed") and (
            similar := directory.similar_structures(row.get("name") or "")
        ):
            errors.setdefault(index, {})["confirm"] = [str(directory.NearDuplicate(similar))]
    return errors


@transaction.atomic
def create_and_add_structures(project: Project, *, rows: list[dict]) -> list:
    """Several structures absent from the directory, typed in one form: each created
    and added to the IC (Identifiée), all or none. A row: the directory's fields and
    ``confirmed`` (a near name accepted). Refused rows raise RowsRefused."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import ngettext

    from directory import services as directory

    if not rows:
        raise ValidationError(_("Remplissez au moins une ligne."))
    if len(rows) > MAX_NEW_STRUCTURES:
        raise ValidationError(ngettext(
            "Au plus %(max)d structure par envoi.", "Au plus %(max)d structures par envoi.",
            MAX_NEW_STRUCTURES,
        ) % {"max": MAX_NEW_STRUCTURES})
    if errors := _batch_refusal(rows):
        raise RowsRefused(errors)
    return [
        add_participation(project, structure=directory.create_structure(
            confirmed=True, **{name: value for name, value in row.items() if name != "confirmed"}
        ))
        for row in rows
    ]
