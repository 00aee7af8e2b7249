"""Each forward step is refused, in French, until its requirements hold."""

import pytest

from cycle import services
from cycle.exceptions import TransitionRefused
from cycle.guards import REQUIREMENTS
from cycle.models import CapitalisationItem
from cycle.states import FORWARD_STEPS, PHASES, State
from cycle.vocabulary import CapitalisationNature
from workflows.models import TransitionLog

from .builders import fulfil

EXPECTED_MESSAGES = {
    State.CIBLAGE: [
        "Rédigez la problématique.",
        "Indiquez les sources de la problématique (diagnostics, sollicitations, documents…).",
    ],
    State.ROLE_DLA: [
        "Précisez le territoire ciblé : échelle territoriale et départements ou régions.",
        "Indiquez le ou les secteurs d'activité ciblés.",
        "Repérez au moins une structure bénéficiaire candidate.",
    ],
    State.DYNAMIQUE: ["Choisissez le type d'ingénierie collective (fiche technique)."],
    State.OBJECTIFS: ["Associez au moins un partenaire à la démarche."],
    State.VALIDATION: [
        "Déterminez l'objectif stratégique.",
        "Fixez au moins un objectif opérationnel.",
        "Posez au moins un objectif d'évaluation.",
    ],
    State.MOBILISATION: [
        "Recueillez l'avis du comité d'appui.",
        "Bâtissez le budget d'intervention.",
    ],
    State.PROJET: ["Au moins deux structures bénéficiaires doivent être engagées."],
    State.MODALITES: ["Formalisez le projet d'intervention."],
    State.MISE_EN_OEUVRE: [
        "Émettez le cahier des charges.",
        "Choisissez au moins un prestataire.",
    ],
    State.EVALUATION: ["La grille d'enquête doit avoir été remise par le prestataire."],
    State.CAPITALISATION: ["Rédigez la synthèse de l'évaluation."],
    State.CLOSED: ["Déterminez au moins un élément de capitalisation."],
}


def bring_to(project, state, by):
    """Advance ``project`` step by step, fulfilling each guard, until it is in ``state``."""
    for _source, target in FORWARD_STEPS:
        if project.state == state:
            return project
        fulfil(project, target)
        services.advance(project, by=by)
    assert project.state == state
    return project


def test_every_forward_step_has_a_guard_and_a_message():
    assert set(REQUIREMENTS) == {target for _source, target in FORWARD_STEPS}
    assert set(EXPECTED_MESSAGES) == set(REQUIREMENTS)


@pytest.mark.parametrize(("source", "target"), FORWARD_STEPS, ids=[t for _s, t in FORWARD_STEPS])
def test_guard_refuses_then_allows(project, charge_mission, source, target):
    bring_to(project, source, charge_mission)

    with pytest.raises(TransitionRefused) as refused:
        services.advance(project, by=charge_mission)
    assert refused.value.missing == EXPECTED_MESSAGES[target]
    project.refresh_from_db()
    assert project.state == source
    logs_before = TransitionLog.objects.filter(project=project).count()

    fulfil(project, target)
    log = services.advance(project, by=charge_mission, comment="Étape franchie")

    project.refresh_from_db()
    assert project.state == target
    assert (log.source, log.target, log.by, log.comment) == (
        source, target, charge_mission, "Étape franchie",
    )
    assert TransitionLog.objects.filter(project=project).count() == logs_before + 1


def test_capitalisation_items_need_targets_and_responsible(project, charge_mission):
    bring_to(project, State.CAPITALISATION, charge_mission)
    CapitalisationItem.objects.create(project=project, title="Cahier technique", nature=CapitalisationNature.TOOL)

    with pytest.raises(TransitionRefused) as refused:
        services.advance(project, by=charge_mission)

    assert refused.value.missing == [
        "Précisez les destinataires et le responsable du transfert de : Cahier technique."
    ]


def test_full_path_through_the_twelve_sub_phases(project, charge_mission):
    bring_to(project, State.CLOSED, charge_mission)

    logs = list(project.transition_logs.order_by("at", "pk"))
    assert [log.transition for log in logs] == ["create"] + ["advance"] * 12
    assert [log.target for log in logs] == [*PHASES, State.CLOSED]
    assert all(log.by == charge_mission for log in logs)
