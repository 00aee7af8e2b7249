"""What the methodology requires before an IC may enter each state.

``REQUIREMENTS[target]`` lists checks; each returns ``None`` when satisfied
or the French sentence that tells the chargé de mission what is missing.
Apps above the IC add theirs with ``register`` (e.g. the grille's, for the evaluation).
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from .states import State
from .vocabulary import CommitteeKind, ObjectiveKind, ParticipationStatus

Requirement = Callable[["Project"], str | None]  # noqa: F821


def _need(condition: bool, message) -> str | None:
    return None if condition else str(message)


def problem_statement(p):
    return _need(p.problem_statement.strip(), _("Rédigez la problématique."))


def problem_sources(p):
    return _need(
        p.problem_sources.strip(),
        _("Indiquez les sources de la problématique (diagnostics, sollicitations, documents…)."),
    )


def territory(p):
    return _need(
        p.territorial_scale and (p.departements.exists() or p.regions.exists()),
        _("Précisez le territoire ciblé : échelle territoriale et départements ou régions."),
    )


def sectors(p):
    return _need(p.sectors.exists(), _("Indiquez le ou les secteurs d'activité ciblés."))


def candidate_structures(p):
    return _need(
        p.participations.exclude(status=ParticipationStatus.WITHDREW).exists(),
        _("Repérez au moins une structure bénéficiaire candidate."),
    )


def ic_type(p):
    return _need(p.ic_type, _("Choisissez le type d'ingénierie collective (fiche technique)."))


def referent_pilot(p):
    return _need(
        p.pilotages.filter(is_referent=True).exists(),
        _("Désignez le DLA ou C2RA référent du pilotage."),
    )


def partners(p):
    return _need(p.partnerships.exists(), _("Associez au moins un partenaire à la démarche."))


def strategic_objective(p):
    return _need(p.strategic_objective.strip(), _("Déterminez l'objectif stratégique."))


def operational_objectives(p):
    return _need(
        p.objectives.filter(kind=ObjectiveKind.OPERATIONAL).exists(),
        _("Fixez au moins un objectif opérationnel."),
    )


def evaluation_objectives(p):
    return _need(
        p.objectives.filter(kind=ObjectiveKind.EVALUATION).exists(),
        _("Posez au moins un objectif d'évaluation."),
    )


def support_committee_opinion(p):
    return _need(
        p.committees.filter(kind=CommitteeKind.APPUI).exclude(opinion="").exists(),
        _("Recueillez l'avis du comité d'appui."),
    )


def budget(p):
    return _need(p.budget_tranches.exists(), _("Bâtissez le budget d'intervention."))


def committed_structures(p):
    return _need(
        p.participations.filter(status=ParticipationStatus.COMMITTED).count() >= 2,
        _("Au moins deux structures bénéficiaires doivent être engagées."),
    )


def intervention_project(p):
    return _need(p.intervention_project.strip(), _("Formalisez le projet d'intervention."))


def specification_issued(p):
    return _need(p.specification_issued_on, _("Émettez le cahier des charges."))


def prestataire_chosen(p):
    return _need(p.assignments.exists(), _("Choisissez au moins un prestataire."))


def evaluation(p):
    return _need(p.evaluation_summary.strip(), _("Rédigez la synthèse de l'évaluation."))


def capitalisation(p):
    items = list(p.capitalisation_items.all())
    if not items:
        return str(_("Déterminez au moins un élément de capitalisation."))
    incomplete = [i.title for i in items if not (i.target_audiences.strip() and i.responsible)]
    return _need(
        not incomplete,
        _("Précisez les destinataires et le responsable du transfert de : %(items)s.")
        % {"items": ", ".join(incomplete)},
    )


REQUIREMENTS: dict[State, tuple[Requirement, ...]] = {
    State.CIBLAGE: (problem_statement, problem_sources),
    State.ROLE_DLA: (territory, sectors, candidate_structures),
    State.DYNAMIQUE: (ic_type, referent_pilot),
    State.OBJECTIFS: (partners,),
    State.VALIDATION: (strategic_objective, operational_objectives, evaluation_objectives),
    State.MOBILISATION: (support_committee_opinion, budget),
    State.PROJET: (committed_structures,),
    State.MODALITES: (intervention_project,),
    State.MISE_EN_OEUVRE: (specification_issued, prestataire_chosen),
    State.EVALUATION: (),  # the grille's own, from grille/apps.py
    State.CAPITALISATION: (evaluation,),
    State.CLOSED: (capitalisation,),
}


def register(target: str, check: Requirement) -> None:
    """An app above the IC adds its requirement for entering ``target``, from its
    ``AppConfig.ready()``: the cycle never imports it."""
    if check not in REQUIREMENTS[target]:
        REQUIREMENTS[target] = (*REQUIREMENTS[target], check)


def missing_for(project, target: str) -> list[str]:
    """Everything still missing before ``project`` may enter ``target``."""
    return [m for check in REQUIREMENTS.get(target, ()) if (m := check(project))]


def requirements_met(target: str) -> Callable:
    """A django-fsm condition for entering ``target``."""

    def condition(project) -> bool:
        return not missing_for(project, target)

    condition.__name__ = f"requirements_for_{target}"
    return condition
