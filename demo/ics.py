"""Demo data: the seed notebook's four ICs (closed) and ICs in progress at each stage.

The data lives in ``fixtures/`` as JSON; this module only knows how to load it.
Loading is idempotent: directory rows are found by natural key (name, SIRET,
username) and created once; an IC whose title already exists is skipped whole,
so a second run writes nothing, not even history rows.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cycle import services, summaries
from cycle.models import (
    BudgetTranche,
    CapitalisationItem,
    Committee,
    CommitteeMember,
    Meeting,
    Objective,
    Project,
    ProjectPartner,
    ProjectPilot,
    ProjectPrestataire,
    ProjectStructure,
)
from cycle.states import FORWARD_STEPS, INITIAL_STATE, PHASES, State
from directory.models import (
    BeneficiaryStructure,
    Intervenant,
    Organisation,
    Partner,
    Prestataire,
)
from directory.validators import validate_siret
from grille.models import Grille
from workflows.models import TransitionLog

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED_CASES = ("case_b", "case_c", "case_d", "case_e")


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)


def read_fixture(relative: str):
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


@transaction.atomic
def load(*, password: str) -> Summary:
    """Load the whole demo in one transaction; what already exists is left untouched."""
    summary = Summary()
    users = load_directory(read_fixture("demo/directory.json"), password, summary)
    for name in SEED_CASES:
        case = read_fixture(f"seed/{name}.json")
        _once(case["title"], summary, lambda case=case: load_seed_case(case, users))
    for case in read_fixture("demo/in_progress.json"):
        _once(case["title"], summary, lambda case=case: load_in_progress(case, users))
    return summary


def _once(title: str, summary: Summary, create) -> None:
    if Project.objects.filter(title=title).exists():
        summary.skipped.append(title)
        return
    create()
    summary.created.append(title)


# --- directory: organisations, firms, users


def load_directory(data: dict, password: str, summary: Summary) -> dict[str, User]:
    for spec in data["organisations"]:
        Organisation.objects.get_or_create(
            name=spec["name"],
            defaults={
                "kind": spec["kind"], "carrier": spec["carrier"],
                "departement_id": spec["departement"], "region_id": spec["region"],
            },
        )
    for spec in data["prestataires"]:
        ensure_prestataire(spec)
    users = {}
    for spec in data["users"]:
        users[spec["username"]] = ensure_user(spec, password)
        if spec["login"]:
            summary.accounts.append(spec["username"])
    return users


def ensure_user(spec: dict, password: str) -> User:
    organisation = spec["organisation"]
    user, created = User.objects.get_or_create(
        username=spec["username"],
        defaults={
            "first_name": spec["first_name"], "last_name": spec["last_name"],
            "email": spec["email"], "role": spec["role"],
            "organisation": Organisation.objects.get(name=organisation) if organisation else None,
            "is_staff": spec.get("is_staff", False),
            "is_superuser": spec.get("is_superuser", False),
        },
    )
    if created:
        # The seed cases' chargés de mission only sign the history: they cannot log in.
        if spec["login"]:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    if link := spec.get("intervenant"):
        intervenant = Intervenant.objects.get(
            prestataire__name=link["prestataire"],
            first_name=link["first_name"], last_name=link["last_name"],
        )
        if intervenant.user_id is None:
            intervenant.user = user
            intervenant.save(update_fields=["user"])
    return user


def ensure_prestataire(spec: dict) -> Prestataire:
    validate_siret(spec["siret"])
    firm, created = Prestataire.objects.get_or_create(
        siret=spec["siret"],
        defaults={
            "name": spec["name"], "departement_id": spec["departement"], "email": spec["email"],
        },
    )
    if created:
        firm.approved_regions.set(spec["regions"])
    for person in spec["intervenants"]:
        Intervenant.objects.get_or_create(
            prestataire=firm, first_name=person["first_name"], last_name=person["last_name"],
            defaults={"email": person["email"]},
        )
    return firm


def ensure_partner(spec: dict) -> Partner:
    partner, _created = Partner.objects.get_or_create(
        name=spec["name"],
        defaults={
            "kind": spec["kind"], "region_id": spec["region"],
            "departement_id": spec["departement"],
        },
    )
    return partner


def ensure_structure(spec: dict) -> BeneficiaryStructure:
    validate_siret(spec["siret"])
    structure, _created = BeneficiaryStructure.objects.get_or_create(
        siret=spec["siret"],
        defaults={
            "name": spec["name"], "legal_form": spec["legal_form"],
            "sector_id": spec["sector"], "departement_id": spec["departement"],
            "employees": spec["employees"], "aided_jobs": spec["aided_jobs"],
        },
    )
    return structure


# --- one block of IC data (a seed case whole, or what one step of the cycle needs)


def _as_date(value):
    return datetime.date.fromisoformat(value) if value else None


def _scalar_fields(fields: dict) -> dict:
    """JSON values as model values: ISO strings become dates for the ``*_on`` fields."""
    return {
        name: _as_date(value) if name.endswith("_on") else value
        for name, value in fields.items()
    }


def apply_fields(project: Project, fields: dict) -> None:
    values = _scalar_fields(fields)
    for name, value in values.items():
        setattr(project, name, value)
    project.save(update_fields=[*values, "updated_at"])


def apply_partners(project: Project, specs: list) -> None:
    for spec in specs:
        partner = ensure_partner(spec)
        for role in spec["roles"]:
            ProjectPartner.objects.get_or_create(
                project=project, partner=partner, role=role["role"],
                defaults={"contribution": role["contribution"]},
            )


def apply_structures(project: Project, specs: list) -> None:
    for spec in specs:
        ProjectStructure.objects.update_or_create(
            project=project, structure=ensure_structure(spec),
            defaults={
                "status": spec["status"],
                "withdrawal_reason": spec.get("withdrawal_reason", ""),
                "publication_consent": spec["publication_consent"],
            },
        )


def apply_objectives(project: Project, objectives: dict) -> None:
    for kind, texts in objectives.items():
        start = project.objectives.filter(kind=kind).count()
        Objective.objects.bulk_create(
            Objective(project=project, kind=kind, text=text, position=start + position)
            for position, text in enumerate(texts, start=1)
        )


def apply_firms(project: Project, specs: list) -> None:
    for spec in specs:
        ensure_prestataire(spec)


def apply_assignments(project: Project, specs: list) -> None:
    for spec in specs:
        firm = Prestataire.objects.get(name=spec["prestataire"])
        assignment = ProjectPrestataire.objects.create(
            project=project, prestataire=firm, selected_on=_as_date(spec["selected_on"]),
            mission=spec["mission"],
        )
        assignment.intervenants.set(firm.intervenants.all())


def _member(spec: dict) -> CommitteeMember:
    lookups = {
        "organisation": Organisation, "partner": Partner,
        "structure": BeneficiaryStructure, "prestataire": Prestataire,
    }
    member = CommitteeMember(person=spec.get("person", ""), function=spec.get("function", ""))
    for key, model in lookups.items():
        if key in spec:
            setattr(member, key, model.objects.get(name=spec[key]))
    return member


def apply_committees(project: Project, specs: list) -> None:
    for spec in specs:
        committee = Committee.objects.create(
            project=project, kind=spec["kind"], purpose=spec["purpose"],
            opinion=spec.get("opinion", ""), opinion_on=_as_date(spec.get("opinion_on")),
            capitalisation_opinion=spec.get("capitalisation_opinion", ""),
            capitalisation_opinion_on=_as_date(spec.get("capitalisation_opinion_on")),
        )
        for member_spec in spec["members"]:
            member = _member(member_spec)
            member.committee = committee
            member.save()
        for meeting in spec["meetings"]:
            Meeting.objects.create(
                committee=committee, held_on=_as_date(meeting["held_on"]),
                attendees=meeting["attendees"], decisions=meeting["decisions"],
            )


def apply_budget(project: Project, specs: list) -> None:
    start = project.budget_tranches.count()
    for position, spec in enumerate(specs, start=start + 1):
        tranche = BudgetTranche.objects.create(
            project=project, label=spec["label"], amount=Decimal(spec["amount"]),
            days=Decimal(spec["days"]), funded_by_dla=spec["funded_by_dla"], position=position,
        )
        tranche.funders.set(Partner.objects.filter(name__in=spec["funders"]))


def apply_capitalisation(project: Project, specs: list) -> None:
    CapitalisationItem.objects.bulk_create(
        CapitalisationItem(project=project, **spec) for spec in specs
    )


def apply_grille(project: Project, status: str) -> None:
    # The status is a protected FSM field: set once, through the constructor.
    Grille.objects.get_or_create(project=project, defaults={"status": status})


# Order matters: committees name partners, structures and firms created before them.
APPLIERS = (
    ("fields", apply_fields),
    ("departements", lambda project, codes: project.departements.add(*codes)),
    ("regions", lambda project, codes: project.regions.add(*codes)),
    ("sectors", lambda project, codes: project.sectors.add(*codes)),
    ("partners", apply_partners),
    ("structures", apply_structures),
    ("objectives", apply_objectives),
    ("firms", apply_firms),
    ("assignments", apply_assignments),
    ("committees", apply_committees),
    ("budget", apply_budget),
    ("capitalisation", apply_capitalisation),
    ("grille", apply_grille),
)


def apply_block(project: Project, block: dict) -> None:
    for key, applier in APPLIERS:
        if key in block:
            applier(project, block[key])


# --- the four seed cases: closed, with their real calendar


def _moment(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def _add_pilots(project: Project, pilots: list) -> None:
    ProjectPilot.objects.bulk_create(
        ProjectPilot(
            project=project, organisation=Organisation.objects.get(name=pilot["organisation"]),
            is_referent=pilot["referent"],
        )
        for pilot in pilots
    )
    summaries.refresh([project.pk])  # bulk: no signal


def load_seed_case(case: dict, users: dict[str, User]) -> Project:
    pilot = users[case["pilot_user"]]
    project = Project.objects.create(
        title=case["title"], state=State.CLOSED, created_by=pilot,
        **_scalar_fields(case["fields"]),
    )
    _add_pilots(project, case["pilots"])
    apply_block(project, {key: value for key, value in case.items() if key != "fields"})
    services.sync_checklist(project)
    moments = [(_moment(at), comment) for at, comment in case["history"]]
    _write_history(project, moments, pilot)
    _tick_completed_phases(project, moments, pilot)
    # The IC was created and last touched on its real dates, not today.
    Project.objects.filter(pk=project.pk).update(
        created_at=moments[0][0], updated_at=moments[-1][0]
    )
    return project


def _write_history(project: Project, moments: list, by: User) -> None:
    """The creation then the twelve advances, as the cycle would have logged them."""
    if len(moments) != len(FORWARD_STEPS) + 1:
        raise ValueError(f"{project.title} : {len(FORWARD_STEPS) + 1} dates attendues.")
    (created_at, created_comment), advances = moments[0], moments[1:]
    logs = [TransitionLog(
        subject=project, transition=services.CREATION, source="", target=INITIAL_STATE,
        by=by, at=created_at, comment=created_comment,
    )]
    logs += [
        TransitionLog(
            subject=project, transition="advance", source=source, target=target, by=by,
            at=at, comment=comment,
        )
        for (source, target), (at, comment) in zip(FORWARD_STEPS, advances, strict=True)
    ]
    TransitionLog.objects.bulk_create(logs)


def _tick_completed_phases(project: Project, moments: list, by: User) -> None:
    """Every item of a phase is ticked on the day the IC left that phase."""
    for phase, (left_at, _comment) in zip(PHASES, moments[1:], strict=True):
        project.checklist.filter(phase=phase).update(done=True, done_by=by, done_at=left_at)


# --- ICs in progress: the data of each step, then a real transition through the guards


def load_in_progress(case: dict, users: dict[str, User]) -> Project:
    by = users[case["by"]]
    organisations = [Organisation.objects.get(name=name) for name in case["pilots"]]
    project = services.create_project(
        by=by, organisations=organisations, referent=organisations[0], title=case["title"]
    )
    for step in case["steps"]:
        apply_block(project, step)
        project.checklist.filter(phase=project.state).update(
            done=True, done_by=by, done_at=timezone.now()
        )
        services.advance(project, by=by, comment=step["comment"])
        if project.state != step["to"]:
            raise ValueError(f"{project.title} : {project.state} au lieu de {step['to']}.")
    apply_block(project, case["after"])
    if then := case.get("then"):
        services.fire(project, then["action"], by=by, comment=then["reason"])
    return project
