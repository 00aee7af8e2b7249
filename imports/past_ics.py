"""The « IC passées » kind: ICs run before the application, created in the state they had
reached, as demo/ics.py creates its closed cases (the state given at creation, no
transition fired, so no guard), with one TransitionLog « importée » on their last date (the
statistics count closures by that date). An IC already in the base (same title, same
referent DLA) is skipped."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from cycle import services as cycle
from cycle import summaries
from cycle.models import BudgetTranche, Project, ProjectPilot, ProjectStructure
from cycle.states import State
from cycle.vocabulary import ICType
from directory.models import BeneficiaryStructure
from workflows.models import TransitionLog

from . import cells, invitations

IMPORTED = "importée"  # the TransitionLog's comment, as the brief names it
state = cells._choice(dict(State.choices), _("État"))
ic_type = cells._choice(dict(ICType.choices), _("Type d'IC"))


def amount(value) -> Decimal:
    raw = cells.text(value, max_length=30).replace("\u202f", "").replace(" ", "")
    raw = raw.removesuffix("€").replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise cells.CellError(_("Montant illisible : « %s ».") % raw) from None
    if number < 0 or number >= 10**8:
        raise cells.CellError(_("Montant hors limites : « %s ».") % raw)
    return number.quantize(Decimal("0.01"))


def days(value) -> Decimal:
    number = amount(value)
    if not 0 < number <= 1000:
        raise cells.CellError(_("Nombre de jours entre 0,5 et 1000 attendu."))
    return number.quantize(Decimal("0.1"))


def sirets(value) -> list[str]:
    return [cells.siret(part) for part in str(value).split(";") if part.strip()]


def key(values):
    team = values.get("organisation")
    return ("ic", cells.fold(values["title"]), team.pk if team else None)


def references() -> dict:
    found = invitations.references()
    for pk, siret in BeneficiaryStructure.objects.exclude(siret=None).values_list("pk", "siret"):
        found[("siret", siret)] = pk
    return found


def known() -> dict:
    pilots = ProjectPilot.objects.filter(is_referent=True).values_list(
        "project__title", "organisation_id")
    note = _("Cette IC est déjà dans la base (même intitulé, même DLA) : ligne ignorée.")
    return {("ic", cells.fold(title), team): note for title, team in pilots}


def resolve(values, context):
    wanted = values.pop("organisation")
    team = context.references.get(("name", cells.fold(wanted)))
    if team is None:
        raise invitations._error(_("DLA inconnu : « %s ».") % wanted, _("DLA"))
    values["organisation"] = team
    missing = [s for s in values.get("structures", ()) if ("siret", s) not in context.references]
    if missing:
        raise invitations._error(_("SIRET absent de l'annuaire : %s (importez d'abord les "
                                   "structures).") % ", ".join(missing), _("Structures (SIRET)"))
    values["structures"] = [context.references[("siret", s)] for s in values.get("structures", ())]
    return values


def check(user, values) -> dict:
    errors = {}
    if values["state"] == State.SUSPENDED:
        errors[_("État atteint")] = _("Une IC suspendue s'importe dans la sous-phase où elle "
                                      "s'est arrêtée.")
    ends, starts = values.get("intervention_ends_on"), values.get("launched_on")
    if ends and starts and ends < starts:
        errors[_("Fin")] = _("La fin précède le début.")
    if (values.get("budget") is None) != (values.get("days") is None):
        errors[_("Jours")] = _("Budget total et nombre de jours vont ensemble (la tranche "
                               "budgétaire de l'IC).")
    return errors


def _moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _create(values, by):
    project = Project.objects.create(
        title=values["title"], ic_type=values.get("ic_type", ""), state=values["state"],
        launched_on=values["launched_on"], intervention_ends_on=values.get(
            "intervention_ends_on"), created_by=by,
    )
    ProjectPilot.objects.create(project=project, organisation=values["organisation"],
                                is_referent=True)
    ProjectStructure.objects.bulk_create(
        ProjectStructure(project=project, structure_id=pk) for pk in values["structures"])
    if values.get("budget") is not None:
        BudgetTranche.objects.create(project=project, label=_("Budget total (import)"),
                                     amount=values["budget"], days=values["days"], position=1)
    summaries.refresh([project.pk])  # the bulk-created participations sent no signal
    cycle.sync_checklist(project)
    last = values.get("intervention_ends_on") or values["launched_on"]
    TransitionLog.objects.create(
        subject=project, transition=cycle.CREATION, source="", target=project.state, by=by,
        at=_moment(last), comment=IMPORTED,
    )
    Project.objects.filter(pk=project.pk).update(created_at=_moment(values["launched_on"]))


def write(plan, *, by, on_progress, creates):
    total = max(len(creates), 1)
    for done, row in enumerate(creates, start=1):
        _create(row.values, by)
        on_progress(min(99, done * 100 // total))
