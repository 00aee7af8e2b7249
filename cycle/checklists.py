"""The methodology's checklist for each sub-phase (seed, section II.B.1).

Declared once here; ``ChecklistItem`` rows store, per project, which items
were ticked, by whom, when and with what note.
"""

from django.utils.translation import gettext_lazy as _

from .states import State

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
