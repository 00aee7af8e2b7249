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
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from dla_ic.requirements import Requirement
from dla_ic.requirements import missing as missing_of

from .states import State
from .vocabulary import CommitteeKind, ObjectiveKind, ParticipationStatus

Check = Callable[["Project"], list[str]]  # noqa: F821


@dataclass(frozen=True)
class Present:
    """Whether the IC has rows of ``relation`` matching ``condition``.

    Read from the IC's ``has_<name>`` when a page loaded it (``presence_flags``, or the
    rows in hand), else with one query.
    """

    name: str
    model: str  # the related model, in the cycle app, whose ``project`` is the IC
    relation: str
    condition: Q = field(default_factory=Q)
    keeps: Callable = lambda _row: True  # the ``condition``, on a row in hand

    def given(self, project, rows) -> None:
        """Answer from ``rows`` of ``relation`` a page already read (no query then)."""
        setattr(project, f"has_{self.name}", any(self.keeps(row) for row in rows))

    def __call__(self, project) -> bool:
        flag = getattr(project, f"has_{self.name}", None)
        if flag is not None:
            return bool(flag)
        return getattr(project, self.relation).filter(self.condition).exists()

    def flag(self) -> Exists:
        """The ``has_<name>`` annotation on Project."""
        if self.model == "sectors":  # the IC's many-to-many to the directory's sectors
            rows = apps.get_model("cycle", "Project").sectors.through.objects
        else:
            rows = apps.get_model("cycle", self.model).objects.filter(self.condition)
        return Exists(rows.filter(project=OuterRef("pk")))


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
PRESENT = (PILOTS, PARTNERSHIPS, OPERATIONAL_OBJECTIVES, CANDIDATES, TRANCHES, SECTORS)


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
    lambda p: p.territorial_scale and (p.departements.exists() or p.regions.exists()),
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
    lambda p: p.objectives.filter(kind=ObjectiveKind.EVALUATION).exists(),
)
SUPPORT_COMMITTEE_OPINION = Requirement(
    _("Recueillez l'avis du comité d'appui."),
    lambda p: p.committees.filter(kind=CommitteeKind.APPUI).exclude(opinion="").exists(),
)
BUDGET = Requirement(_("Bâtissez le budget d'intervention."), TRANCHES)
COMMITTED_STRUCTURES = Requirement(
    _("Au moins deux structures bénéficiaires doivent être engagées."),
    lambda p: p.participations.filter(status=ParticipationStatus.COMMITTED).count() >= 2,
)
INTERVENTION_PROJECT = Requirement(
    _("Formalisez le projet d'intervention."), lambda p: p.intervention_project.strip()
)
SPECIFICATION_ISSUED = Requirement(
    _("Émettez le cahier des charges."), lambda p: p.specification_issued_on
)
PRESTATAIRE_CHOSEN = Requirement(
    _("Choisissez au moins un prestataire."), lambda p: p.assignments.exists()
)
EVALUATION = Requirement(
    _("Rédigez la synthèse de l'évaluation."), lambda p: p.evaluation_summary.strip()
)

# The capitalisation's rules read its items, loaded once.
CAPITALISATION_ITEMS = Requirement(
    _("Déterminez au moins un élément de capitalisation."), bool
)


def _untransferred(items) -> list[str]:
    return [i.title for i in items if not (i.target_audiences.strip() and i.responsible)]


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
