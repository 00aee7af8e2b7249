"""The cycle of an ingénierie collective: four stages of three sub-phases each.

This module is the one declaration of the states and their order; the
model's transitions, the guards, the checklists and the cycle picture are
all derived from it.
"""

import itertools
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    PROBLEMATIQUE = "identifier_problematique", _("Cerner une problématique")
    CIBLAGE = "identifier_ciblage", _("Cibler les structures bénéficiaires")
    ROLE_DLA = "identifier_role_dla", _("Définir le rôle du DLA")
    DYNAMIQUE = "engager_dynamique", _("Lancer une dynamique partenariale")
    OBJECTIFS = "engager_objectifs", _("Définir des objectifs partagés")
    VALIDATION = "engager_validation", _("Valider la démarche")
    MOBILISATION = "confirmer_mobilisation", _("Mobiliser les structures bénéficiaires")
    PROJET = "confirmer_projet", _("Établir le projet d'intervention")
    MODALITES = "confirmer_modalites", _("Finaliser les modalités d'intervention")
    MISE_EN_OEUVRE = "finaliser_mise_en_oeuvre", _("Mettre en œuvre l'intervention")
    EVALUATION = "finaliser_evaluation", _("Évaluer l'ingénierie collective")
    CAPITALISATION = "finaliser_capitalisation", _("Conduire et transférer la capitalisation")
    CLOSED = "cloturee", _("Clôturée")
    SUSPENDED = "suspendue", _("Suspendue")
    ABANDONED = "abandonnee", _("Abandonnée")


class Stage(models.TextChoices):
    IDENTIFIER = "identifier", _("Identifier")
    ENGAGER = "engager", _("Engager")
    CONFIRMER = "confirmer", _("Confirmer")
    FINALISER = "finaliser", _("Finaliser")


@dataclass(frozen=True)
class StageDefinition:
    stage: Stage
    phases: tuple[State, State, State]


STAGES = (
    StageDefinition(Stage.IDENTIFIER, (State.PROBLEMATIQUE, State.CIBLAGE, State.ROLE_DLA)),
    StageDefinition(Stage.ENGAGER, (State.DYNAMIQUE, State.OBJECTIFS, State.VALIDATION)),
    StageDefinition(Stage.CONFIRMER, (State.MOBILISATION, State.PROJET, State.MODALITES)),
    StageDefinition(
        Stage.FINALISER, (State.MISE_EN_OEUVRE, State.EVALUATION, State.CAPITALISATION)
    ),
)

# The twelve sub-phases in order: the "open" states of an IC.
PHASES: tuple[State, ...] = tuple(phase for stage in STAGES for phase in stage.phases)
# Each state's colour (a Bootstrap tone) on badges: the open phases are "primary".
STATE_TONES = {State.CLOSED: "success", State.SUSPENDED: "warning", State.ABANDONED: "danger"}
# Out of the cycle, in the order lists show them after the stages.
OUT_OF_CYCLE: tuple[State, ...] = (State.CLOSED, State.SUSPENDED, State.ABANDONED)
# Every state in cycle order: the "stage" sort of lists.
STATE_ORDER: tuple[State, ...] = (*PHASES, *OUT_OF_CYCLE)
OPEN_STATES = frozenset(PHASES)
INITIAL_STATE = PHASES[0]

# The cahier des charges is written and issued while the IC is at Confirmer.
SPECIFICATION_STATES = frozenset(STAGES[2].phases)

# Each forward step: (source, target). The last phase closes the IC.
FORWARD_STEPS: tuple[tuple[State, State], ...] = tuple(
    zip(PHASES, (*PHASES[1:], State.CLOSED), strict=True)
)
BACKWARD_STEPS: tuple[tuple[State, State], ...] = tuple(
    (later, earlier) for earlier, later in itertools.pairwise(PHASES)
)


def state_tone(state: str) -> str:
    return STATE_TONES.get(state, "primary")


def next_state(state: str) -> State | None:
    return dict(FORWARD_STEPS).get(state)


def previous_state(state: str) -> State | None:
    return dict(BACKWARD_STEPS).get(state)
