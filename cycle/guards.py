"""What the methodology requires before an IC may enter each state: one home per rule.

Each rule about the IC's own facts is a ``Requirement`` declared here once, with its
one French message, and reused wherever that fact is required: the cycle's guards
(``REQUIREMENTS[target]``), the grille's completeness, issuing the cahier des charges.
"What is missing" is always a list of those messages (``missing_for``).
Apps above the IC add theirs with ``register`` (e.g. the grille's, for the evaluation).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _

from dla_ic.requirements import Requirement
from dla_ic.requirements import missing as missing_of

from .states import State
from .vocabulary import CommitteeKind, ObjectiveKind, ParticipationStatus

Check = Callable[["Project"], list[str]]  # noqa: F821


@dataclass(frozen=True)
class Present:
    """Whether the IC has (``at_least``) rows of ``relation`` matching ``condition``.

    Read from the IC's ``has_<name>`` when a page loaded it (``presence_flags``, or the
    rows in hand), else with one query.
    """

    name: str
    # the related model, in the cycle app, whose ``project`` is the IC; or the name of
    # one of the IC's many-to-many fields (to the directory's sectors, départements…)
    model: str
    relation: str
    condition: Q = field(default_factory=Q)
    keeps: Callable = lambda _row: True  # the ``condition``, on a row in hand
    at_least: int = 1

    def given(self, project, rows) -> None:
        """Answer from ``rows`` of ``relation`` a page already read (no query then)."""
        kept = sum(1 for row in rows if self.keeps(row))
        setattr(project, f"has_{self.name}", kept >= self.at_least)

    def __call__(self, project) -> bool:
        flag = getattr(project, f"has_{self.name}", None)
        if flag is not None:
            return bool(flag)
        rows = getattr(project, self.relation).filter(self.condition)
        if self.at_least == 1:
            return rows.exists()
        return rows[:self.at_least].count() >= self.at_least

    def flag(self):
        """The ``has_<name>`` annotation on Project."""
        project = apps.get_model("cycle", "Project")
        if self.model in {f.name for f in project._meta.many_to_many}:
            rows = getattr(project, self.model).through.objects
        else:
            rows = apps.get_model("cycle", self.model).objects.filter(self.condition)
        rows = rows.filter(project=OuterRef("pk"))
        if self.at_least == 1:
            return Exists(rows)
        counted = rows.order_by().values("project").annotate(n=Count("pk")).values("n")
        return GreaterThanOrEqual(Coalesce(Subquery(counted), 0), self.at_least)


PILOTS = Present("pilots", "ProjectPilot", "pilotages")
PARTNERSHIPS = Present("partnerships", "ProjectPartner", "partnerships")
OPERATIONAL_OBJECTIVES = Present(
    "objectives", "Objective", "objectives", Q(kind=ObjectiveKind.OPERATIONAL),
    lambda objective: objective.kind == ObjectiveKind.OPERATIONAL,
)
CANDIDATES = Present(
    "participations", "ProjectStructure", "participations",
    ~Q(status=ParticipationStatus.WITHDREW),
    lambda participation: participation.status != ParticipationStatus.WITHDREW,
)
TRANCHES = Present("tranches", "BudgetTranche", "budget_tranches")
SECTORS = Present("sectors", "sectors", "sectors")
DEPARTEMENTS = Present("departements", "departements", "departements")
REGIONS = Present("regions", "regions", "regions")
EVALUATION_OBJECTIVES = Present(
    "evaluation_objectives", "Objective", "objectives", Q(kind=ObjectiveKind.EVALUATION),
    lambda objective: objective.kind == ObjectiveKind.EVALUATION,
)
SUPPORT_OPINION = Present(
    "support_opinion", "Committee", "committees",
    Q(kind=CommitteeKind.APPUI) & ~Q(opinion=""),
    lambda committee: committee.kind == CommitteeKind.APPUI and committee.opinion != "",
)
# The comité d'appui's second opinion, on the capitalisation (no guard asks for it).
CAPITALISATION_OPINION = Present(
    "capitalisation_opinion", "Committee", "committees",
    Q(kind=CommitteeKind.APPUI) & ~Q(capitalisation_opinion=""),
    lambda c: c.kind == CommitteeKind.APPUI and c.capitalisation_opinion != "",
)
UNCONTACTED = Present(
    "uncontacted", "ProjectStructure", "participations",
    Q(status=ParticipationStatus.IDENTIFIED),
    lambda participation: participation.status == ParticipationStatus.IDENTIFIED,
)
COMMITTED = Present(
    "committed", "ProjectStructure", "participations", Q(status=ParticipationStatus.COMMITTED),
    lambda participation: participation.status == ParticipationStatus.COMMITTED, at_least=2,
)
ASSIGNMENTS = Present("assignments", "ProjectPrestataire", "assignments")
CAPITALISED = Present("capitalisation", "CapitalisationItem", "capitalisation_items")
UNTARGETED = Present(  # an item whose transfer names no audience
    "untargeted", "CapitalisationItem", "capitalisation_items",
    Q(target_audiences__regex=r"^\s*$"), lambda item: not item.target_audiences.strip(),
)
UNRESPONSIBLE = Present(  # an item whose transfer has nobody in charge
    "unresponsible", "CapitalisationItem", "capitalisation_items", Q(responsible=""),
    lambda item: not item.responsible,
)
PRESENT = (
    PILOTS, PARTNERSHIPS, OPERATIONAL_OBJECTIVES, CANDIDATES, TRANCHES, SECTORS, DEPARTEMENTS,
    REGIONS, EVALUATION_OBJECTIVES, SUPPORT_OPINION, CAPITALISATION_OPINION, UNCONTACTED,
    COMMITTED, ASSIGNMENTS, CAPITALISED, UNTARGETED, UNRESPONSIBLE,
)


def presence_flags() -> dict:
    """``has_<name>`` of each ``Present`` fact, as annotations on Project."""
    return {f"has_{fact.name}": fact.flag() for fact in PRESENT}


# --- the rules on the IC's facts, each with its one message

PROBLEM_STATEMENT = Requirement(
    _("Rédigez la problématique."), lambda p: p.problem_statement.strip()
)
PROBLEM_ORIGIN = Requirement(
    _("Indiquez l'origine de la problématique."), lambda p: p.problem_origin
)
PROBLEM_SOURCES = Requirement(
    _("Indiquez les sources de la problématique (diagnostics, sollicitations, documents…)."),
    lambda p: p.problem_sources.strip(),
)
TERRITORY = Requirement(
    _("Précisez le territoire ciblé : échelle territoriale et départements ou régions."),
    lambda p: p.territorial_scale and (DEPARTEMENTS(p) or REGIONS(p)),
)
TERRITORIAL_SCALE = Requirement(
    _("Précisez l'échelle territoriale."), lambda p: p.territorial_scale
)
SECTORS_TARGETED = Requirement(_("Indiquez le ou les secteurs d'activité ciblés."), SECTORS)
CANDIDATE_STRUCTURES = Requirement(
    _("Repérez au moins une structure bénéficiaire candidate."), CANDIDATES
)
IC_TYPE = Requirement(
    _("Choisissez le type d'ingénierie collective (fiche technique)."), lambda p: p.ic_type
)
REFERENT_PILOT = Requirement(
    _("Désignez le DLA ou C2RA référent du pilotage."),
    lambda p: p.pilotages.filter(is_referent=True).exists(),
)
PILOTAGE = Requirement(_("Indiquez le pilotage de l'IC (DLA, C2RA)."), PILOTS)
PARTNERS = Requirement(_("Associez au moins un partenaire à la démarche."), PARTNERSHIPS)
STRATEGIC_OBJECTIVE = Requirement(
    _("Déterminez l'objectif stratégique."), lambda p: p.strategic_objective.strip()
)
OPERATIONAL_OBJECTIVE = Requirement(
    _("Fixez au moins un objectif opérationnel."), OPERATIONAL_OBJECTIVES
)
EVALUATION_OBJECTIVE = Requirement(
    _("Posez au moins un objectif d'évaluation."),
    EVALUATION_OBJECTIVES,
)
SUPPORT_COMMITTEE_OPINION = Requirement(
    _("Recueillez l'avis du comité d'appui."), SUPPORT_OPINION
)
BUDGET = Requirement(_("Bâtissez le budget d'intervention."), TRANCHES)
COMMITTED_STRUCTURES = Requirement(
    _("Au moins deux structures bénéficiaires doivent être engagées."), COMMITTED
)
INTERVENTION_PROJECT = Requirement(
    _("Formalisez le projet d'intervention."), lambda p: p.intervention_project.strip()
)
SPECIFICATION_ISSUED = Requirement(
    _("Émettez le cahier des charges."), lambda p: p.specification_issued_on
)
PRESTATAIRE_CHOSEN = Requirement(
    _("Choisissez au moins un prestataire."), ASSIGNMENTS
)
EVALUATION = Requirement(
    _("Rédigez la synthèse de l'évaluation."), lambda p: p.evaluation_summary.strip()
)

# The capitalisation's rules read its items, loaded once.
CAPITALISATION_ITEMS = Requirement(
    _("Déterminez au moins un élément de capitalisation."), bool
)


def _untransferred(items) -> list[str]:
    return [i.title for i in items if UNTARGETED.keeps(i) or UNRESPONSIBLE.keeps(i)]


CAPITALISATION_TRANSFER = Requirement(
    _("Précisez les destinataires et le responsable du transfert de : %(items)s."),
    lambda items: not _untransferred(items),
    lambda items: {"items": ", ".join(_untransferred(items))},
)


def capitalisation(p) -> list[str]:
    items = list(p.capitalisation_items.all())
    return CAPITALISATION_ITEMS.missing(items) or CAPITALISATION_TRANSFER.missing(items)


def _capitalisation_lines(p) -> list[tuple[str, bool]]:
    # The transfer's rule names the items still to transfer: shown once there are items,
    # and only while some lack it (met, its message would name none).
    items = list(p.capitalisation_items.all())
    lines = [(CAPITALISATION_ITEMS.text(items), CAPITALISATION_ITEMS.met(items))]
    if items and not CAPITALISATION_TRANSFER.met(items):
        lines.append((CAPITALISATION_TRANSFER.text(items), False))
    return lines


capitalisation.lines = _capitalisation_lines


# --- facts no guard asks for, that the checklist reads (``cycle.checklists.ANSWERS``)


def structures_contacted(p) -> bool:
    """Structures were identified and none still waits to be contacted."""
    return CANDIDATES(p) and not UNCONTACTED(p)


def audiences_targeted(p) -> bool:
    """The capitalisation has items, each naming the audiences of its transfer."""
    return CAPITALISED(p) and not UNTARGETED(p)


def transfer_responsibles(p) -> bool:
    """The capitalisation has items, each naming who is in charge of its transfer."""
    return CAPITALISED(p) and not UNRESPONSIBLE(p)


REQUIREMENTS: dict[State, tuple[Check, ...]] = {
    State.CIBLAGE: (PROBLEM_STATEMENT, PROBLEM_SOURCES),
    State.ROLE_DLA: (TERRITORY, SECTORS_TARGETED, CANDIDATE_STRUCTURES),
    State.DYNAMIQUE: (IC_TYPE, REFERENT_PILOT),
    State.OBJECTIFS: (PARTNERS,),
    State.VALIDATION: (STRATEGIC_OBJECTIVE, OPERATIONAL_OBJECTIVE, EVALUATION_OBJECTIVE),
    State.MOBILISATION: (SUPPORT_COMMITTEE_OPINION, BUDGET),
    State.PROJET: (COMMITTED_STRUCTURES,),
    State.MODALITES: (INTERVENTION_PROJECT,),
    State.MISE_EN_OEUVRE: (SPECIFICATION_ISSUED, PRESTATAIRE_CHOSEN),
    State.EVALUATION: (),  # the grille's own, from grille/apps.py
    State.CAPITALISATION: (EVALUATION,),
    State.CLOSED: (capitalisation,),
}


def register(target: str, check: Check) -> None:
    """An app above the IC adds its requirement for entering ``target`` (a
    ``Requirement``, or a check returning the list of missing messages), from its
    ``AppConfig.ready()``: the cycle never imports it."""
    if check not in REQUIREMENTS[target]:
        REQUIREMENTS[target] = (*REQUIREMENTS[target], check)


def missing_for(project, target: str) -> list[str]:
    """Everything still missing before ``project`` may enter ``target``."""
    return missing_of(project, REQUIREMENTS.get(target, ()))


def lines_for(project, target: str) -> list[tuple[str, bool]]:
    """Each rule for entering ``target`` as (its message, whether ``project`` meets it):
    the road map's lines, from the same declarations as ``missing_for``.

    A check that is not a ``Requirement`` may say its lines (``check.lines``); else
    only its missing messages are shown."""
    lines = []
    for check in REQUIREMENTS.get(target, ()):
        if isinstance(check, Requirement):
            lines.append((check.text(project), check.met(project)))
        elif hasattr(check, "lines"):
            lines.extend(check.lines(project))
        else:
            lines.extend((message, False) for message in check(project))
    return lines


def requirements_met(target: str) -> Callable:
    """A django-fsm condition for entering ``target``."""

    def condition(project) -> bool:
        return not missing_for(project, target)

    condition.__name__ = f"requirements_for_{target}"
    return condition
