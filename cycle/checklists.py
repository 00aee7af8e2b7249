"""The methodology's checklist for each sub-phase (seed, section II.B.1).

Declared once here; ``ChecklistItem`` rows store, per project, which items
were ticked, by whom, when and with what note. The items a fact of the IC answers
(``ANSWERS``) are not ticked by hand: the app shows them done while it holds the fact.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import guards
from .states import State
from .vocabulary import ProjectTab

CHECKLISTS: dict[State, tuple[tuple[str, str], ...]] = {
    State.PROBLEMATIQUE: (
        ("diagnostics", _("S'appuyer sur les diagnostics des DLA")),
        ("experience", _("S'appuyer sur l'expérience du dispositif DLA")),
        ("sollicitations", _("Répondre à des sollicitations partenariales")),
        ("sources", _("Traiter des sources documentaires")),
        ("impression-prestataires", _("Recueillir l'impression des prestataires")),
        ("expression-structures", _("Recueillir et confirmer l'expression des structures")),
    ),
    State.CIBLAGE: (
        ("territoire", _("Qualifier le territoire")),
        ("secteurs", _("Déterminer le(s) secteur(s) d'activité")),
        ("projets-dynamique", _("Repérer les projets et la dynamique des structures")),
        ("poids", _("Mesurer le poids économique, social et la taille des structures")),
        ("competences", _("Évaluer les compétences au sein des structures")),
    ),
    State.ROLE_DLA: (
        ("legitimer", _("Identifier et légitimer le DLA")),
        ("concevoir", _("Concevoir et initier la démarche d'ingénierie")),
        ("coherence", _("Garantir la cohérence de la démarche")),
    ),
    State.DYNAMIQUE: (
        ("reseau", _("Constituer un réseau partenarial autour du projet")),
        ("interet", _("Vérifier l'intérêt de la démarche avec les partenaires")),
        ("adapter", _("Adapter la démarche aux attentes des partenaires")),
        ("capacite", _("Vérifier la capacité de répondre au sujet donné avec les partenaires")),
    ),
    State.OBJECTIFS: (
        ("strategique", _("Déterminer un objectif stratégique")),
        ("operationnels", _("Fixer les objectifs opérationnels de l'ingénierie collective")),
        ("evaluation", _("Poser les objectifs d'un projet d'évaluation")),
    ),
    State.VALIDATION: (
        (
            "structure-porteuse",
            _("Inscrire la démarche dans les activités de la structure porteuse du DLA"),
        ),
        ("avis-comite", _("Recueillir l'avis du comité d'appui")),
        ("budget", _("Bâtir le budget d'intervention")),
    ),
    State.MOBILISATION: (
        ("contacter", _("Contacter les structures repérées")),
        ("implication", _("Optimiser les conditions d'implication des structures")),
        ("groupes", _("Constituer le ou les groupes de structures")),
    ),
    State.PROJET: (
        ("conforter", _("Conforter et adapter la démarche")),
        ("cadre-evaluation", _("Finaliser le cadre de référence de la démarche d'évaluation")),
        ("formaliser", _("Formaliser le projet d'intervention")),
    ),
    State.MODALITES: (
        ("conditions", _("Apprécier les conditions techniques optimales")),
        ("cahier-des-charges", _("Rédiger le cahier des charges (prestataires)")),
        ("choisir", _("Choisir le ou les prestataires")),
    ),
    State.MISE_EN_OEUVRE: (
        ("coordonner", _("Coordonner les acteurs concernés")),
        ("suivi", _("Assurer le suivi")),
        ("preparer", _("Préparer la capitalisation et l'évaluation")),
    ),
    State.EVALUATION: (
        ("collecter", _("Collecter les informations utiles à l'évaluation")),
        ("coherence", _("Évaluer la cohérence et la pertinence de la démarche")),
        ("resultats", _("Analyser les résultats obtenus")),
        ("synthese", _("Synthétiser et communiquer l'évaluation globale de la démarche")),
    ),
    State.CAPITALISATION: (
        ("nature", _("Déterminer la nature de la capitalisation")),
        ("avis-comite", _("Recueillir l'avis du comité d'appui")),
        ("transferable", _("Évaluer le caractère transférable de la capitalisation")),
        ("destinataires", _("Cibler les destinataires du transfert")),
        ("responsables", _("Identifier le(s) responsable(s) du transfert")),
        ("modalites", _("Adapter les modalités du transfert en fonction des destinataires")),
    ),
}


def checklist_label(phase: str, code: str) -> str:
    return str(dict(CHECKLISTS.get(phase, ())).get(code, code))


@dataclass(frozen=True)
class Answer:
    """A checklist item the app answers from a fact it holds (one of ``cycle.guards``):
    done while the fact holds, never stored, never ticked by hand."""

    fact: Callable  # a guards Requirement, Present or predicate on the IC
    why: str  # what the app holds, in French: shown « Fait — <why> »
    tab: str = ""  # the IC page's tab that shows the fact
    anchor: str = "onglets"  # where on that tab
    link: Callable | None = None  # else, the page (of an app above) that shows it

    def holds(self, project) -> bool:
        return bool(getattr(self.fact, "met", self.fact)(project))

    def url(self, project) -> str:
        if self.link:
            return self.link(project)
        page = reverse("cycle:project_detail", args=[project.pk])
        return f"{page}?onglet={self.tab}#{self.anchor}"


_PRESENTATION, _OBJECTIVES = ProjectTab.PRESENTATION.value, ProjectTab.OBJECTIVES.value
_ACTORS, _COMMITTEES = ProjectTab.ACTORS.value, ProjectTab.COMMITTEES.value
_CAPITALISATION = ProjectTab.CAPITALISATION.value

# (sub-phase, code) -> the fact that answers it. Apps above the IC add theirs with
# ``register_answer``. Stored ticks of these items stay in the database (their history),
# but what the page shows and counts follows the fact.
ANSWERS: dict[tuple[str, str], Answer] = {
    (State.CIBLAGE, "territoire"): Answer(
        guards.TERRITORY, _("territoire précisé (échelle, départements ou régions)"),
        _PRESENTATION,
    ),
    (State.CIBLAGE, "secteurs"): Answer(
        guards.SECTORS_TARGETED, _("secteur(s) d'activité indiqué(s)"), _PRESENTATION
    ),
    (State.DYNAMIQUE, "reseau"): Answer(
        guards.PARTNERS, _("partenaire(s) associé(s) à la démarche"), _ACTORS, "partenaires"
    ),
    (State.OBJECTIFS, "strategique"): Answer(
        guards.STRATEGIC_OBJECTIVE, _("objectif stratégique rédigé"), _OBJECTIVES
    ),
    (State.OBJECTIFS, "operationnels"): Answer(
        guards.OPERATIONAL_OBJECTIVE, _("objectif(s) opérationnel(s) fixé(s)"), _OBJECTIVES
    ),
    (State.OBJECTIFS, "evaluation"): Answer(
        guards.EVALUATION_OBJECTIVE, _("objectif(s) d'évaluation posé(s)"), _OBJECTIVES
    ),
    (State.VALIDATION, "avis-comite"): Answer(
        guards.SUPPORT_COMMITTEE_OPINION, _("avis du comité d'appui enregistré"),
        _COMMITTEES, "comites",
    ),
    (State.VALIDATION, "budget"): Answer(
        guards.BUDGET, _("budget d'intervention saisi"), ProjectTab.BUDGET.value
    ),
    (State.MOBILISATION, "contacter"): Answer(
        guards.structures_contacted, _("plus aucune structure repérée à contacter"),
        _ACTORS, "structures",
    ),
    (State.MOBILISATION, "groupes"): Answer(
        guards.COMMITTED_STRUCTURES, _("au moins deux structures engagées"),
        _ACTORS, "structures",
    ),
    (State.PROJET, "formaliser"): Answer(
        guards.INTERVENTION_PROJECT, _("projet d'intervention rédigé"), _PRESENTATION
    ),
    (State.MODALITES, "cahier-des-charges"): Answer(
        guards.SPECIFICATION_ISSUED, _("cahier des charges émis"), _PRESENTATION
    ),
    (State.MODALITES, "choisir"): Answer(
        guards.PRESTATAIRE_CHOSEN, _("prestataire retenu pour l'IC"), _ACTORS, "prestataires"
    ),
    (State.EVALUATION, "synthese"): Answer(
        guards.EVALUATION, _("synthèse de l'évaluation rédigée"), _PRESENTATION
    ),
    (State.CAPITALISATION, "nature"): Answer(
        guards.CAPITALISED, _("élément(s) de capitalisation déterminé(s), avec leur nature"),
        _CAPITALISATION, "capitalisation",
    ),
    (State.CAPITALISATION, "avis-comite"): Answer(
        guards.CAPITALISATION_OPINION,
        _("avis du comité d'appui sur la capitalisation enregistré"), _COMMITTEES, "comites",
    ),
    (State.CAPITALISATION, "transferable"): Answer(
        guards.CAPITALISED, _("chaque élément de capitalisation dit s'il est transférable"),
        _CAPITALISATION, "capitalisation",
    ),
    (State.CAPITALISATION, "destinataires"): Answer(
        guards.audiences_targeted, _("destinataires du transfert indiqués pour chaque élément"),
        _CAPITALISATION, "capitalisation",
    ),
    (State.CAPITALISATION, "responsables"): Answer(
        guards.transfer_responsibles, _("responsable du transfert indiqué pour chaque élément"),
        _CAPITALISATION, "capitalisation",
    ),
}


def register_answer(phase: str, code: str, answer: Answer) -> None:
    """An app above the IC answers an item from its own fact, from its
    ``AppConfig.ready()``: the cycle never imports it."""
    if code not in dict(CHECKLISTS[phase]):
        raise ValueError(f"No checklist item {code!r} in {phase!r}.")
    ANSWERS[(phase, code)] = answer


def answer_for(phase: str, code: str) -> Answer | None:
    return ANSWERS.get((phase, code))


def answered_q() -> Q:
    """The checklist rows answered from the IC's facts (never ticked by hand), as a query."""
    codes = defaultdict(list)
    for phase, code in ANSWERS:
        codes[phase].append(code)
    condition = Q(pk__in=[])
    for phase, phase_codes in codes.items():  # one IN per phase: cheaper to compile
        condition |= Q(phase=phase, code__in=phase_codes)
    return condition


def shown(project, items) -> list:
    """``items`` (ChecklistItem rows of ``project``) as the page shows them: each with its
    ``answer`` (None: ticked by hand) and ``ticked`` (the fact for an answered item, the
    stored tick otherwise). The facts read the flags the page loaded with the IC."""
    items = list(items)
    for item in items:
        item.answer = answer_for(item.phase, item.code)
        item.ticked = item.answer.holds(project) if item.answer else item.done
        item.fact_url = item.answer.url(project) if item.answer else ""
    return items


def progress(items) -> tuple[int, int]:
    """(done, total) of ``items`` as ``shown``: the one count of a checklist's progress."""
    items = list(items)
    return sum(1 for item in items if item.ticked), len(items)


def left_to_tick(items) -> list:
    """Of ``items`` (as ``shown``), those still to tick by hand: neither answered by the
    app nor ticked. What the forward transition offers to tick on the way."""
    return [item for item in items if not item.answer and not item.done]
