"""Vocabulary of the grille d'enquête (seed, section III.A), declared once.

Forms, pages, fixtures and the monograph PDFs all read their labels here.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Part(models.IntegerChoices):
    PRESENTATION = 1, _("Présentation du projet d'ingénierie collective")
    ACTIONS = 2, _("Descriptif des actions réalisées")
    EVALUATION = 3, _("Spécificités et éléments d'évaluation")


class Axis(models.TextChoices):
    """The four axes grouping the contents (domaines d'accompagnement)."""

    STRATEGY = "strategie", _("Développement de projets, stratégie, organisation")
    FINANCE = "gestion_financiere", _("Gestion financière")
    COMMUNICATION = "communication", _("Communication, partenariat")
    HUMAN_RESOURCES = "ressources_humaines", _("Gestion des ressources humaines")


@dataclass(frozen=True)
class Theme:
    code: str
    axis: Axis
    label: str


def _themes(axis, *entries):
    return tuple(Theme(code, axis, label) for code, label in entries)


# Every theme named in the seed's four monographs (III.B–E), by axis.
THEMES: tuple[Theme, ...] = (
    *_themes(
        Axis.STRATEGY,
        ("programme-activites", _("Définir ou élargir le programme d'activités")),
        ("connaitre-marche", _("Connaître le marché")),
        ("metier-activites", _("Définir le métier et les activités")),
        ("projet-strategie", _("Définir un projet, une stratégie")),
        ("strategie-reseau", _("Définir une stratégie et un positionnement de travail en réseau")),
        ("projet-associatif", _("Structurer et formaliser le projet associatif")),
        ("vie-statutaire", _("Organiser la vie statutaire")),
        ("vie-statutaire-reseau", _("Organiser la vie statutaire et l'animation de réseau")),
        ("offre-prestations", _("Définir ou élargir l'offre de prestations")),
        (
            "offre-ressources-propres",
            _("Définir ou élargir l'offre de prestations et développer des ressources propres"),
        ),
    ),
    *_themes(
        Axis.FINANCE,
        ("situation-fiscale", _("Analyser la situation fiscale")),
        ("indicateurs-financiers", _("Analyser les indicateurs financiers")),
    ),
    *_themes(
        Axis.COMMUNICATION,
        ("labellisation", _("Argumenter les savoir-faire à travers une labellisation")),
        ("demandes-financement", _("Argumenter les demandes de financement")),
        ("environnement-socio-eco", _("Connaître l'environnement socio-économique")),
        (
            "environnement-socio-eco-structure",
            _("Connaître l'environnement socio-économique de la structure"),
        ),
        ("nouveaux-partenaires", _("Rechercher de nouveaux partenaires")),
        ("partenaires-publics-prives", _("Rechercher de nouveaux partenaires publics et privés")),
        ("supports-communication", _("Créer des supports de communication")),
        ("administration-fiscale", _("Argumenter auprès de l'administration fiscale")),
        ("negocier-partenariat", _("Négocier un partenariat")),
        ("negocier-partenariat-offre", _("Négocier un partenariat en construisant une offre")),
    ),
    *_themes(
        Axis.HUMAN_RESOURCES,
        ("organisation-fonctionnelle", _("Mettre en place une organisation fonctionnelle")),
    ),
)
THEMES_BY_CODE: dict[str, Theme] = {theme.code: theme for theme in THEMES}


def themes_of(axis: str) -> tuple[Theme, ...]:
    return tuple(theme for theme in THEMES if theme.axis == axis)


class InterventionMode(models.TextChoices):
    """Déroulement: mode d'intervention."""

    ONE_OFF = "ponctuelle", _("Ponctuelle")
    SPREAD = "etalee", _("Étalée dans le temps avec suivi")


class WorkMethod(models.TextChoices):
    """Méthode de travail."""

    COLLECTIVE = "collectif", _("Collectif")
    ALTERNATING = "alternance", _("Alternance collectif / individuel")


class InterventionType(models.TextChoices):
    INFORMATION = "information", _("Information avec apport de savoir")
    TRAINING = "formation", _("Formation avec acquisition de savoir et de savoir-faire")
    SUPPORT = "accompagnement", _("Accompagnement avec production de savoir et savoir-faire")
    NETWORKING = "mise_en_reseau", _(
        "Accompagnement avec mise en réseau, mutualisation, partenariat"
    )


class Answer(models.TextChoices):
    YES = "oui", _("Oui")
    PARTLY = "en_partie", _("En partie")
    NO = "non", _("Non")


@dataclass(frozen=True)
class SubQuestion:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    code: str
    label: str
    heading: str  # the monograph's heading for the answer
    sub_questions: tuple[SubQuestion, ...] = ()


QUESTIONS: tuple[Question, ...] = (
    Question(
        "competences",
        _(
            "Les connaissances et savoir-faire transférés participent-ils à l'amélioration "
            "des compétences au sein des structures ?"
        ),
        _("Capacité des actions à renforcer les compétences des structures"),
    ),
    Question(
        "innovation",
        _("L'ingénierie a-t-elle constitué un espace d'innovation ?"),
        _("Espace d'innovation"),
        (
            SubQuestion(
                "echanges",
                _("L'animation de la démarche a-t-elle amené de nouvelles formes d'échanges, "
                  "de rencontre ?"),
            ),
            SubQuestion("actions", _("De nouveaux types d'actions ont-ils été mis en œuvre ?")),
            SubQuestion("outils", _("De nouveaux outils ont-ils été créés ?")),
        ),
    ),
    Question(
        "partenariats",
        _("L'ingénierie a-t-elle amélioré l'efficience des partenariats ?"),
        _("Efficience des partenariats"),
        (
            SubQuestion(
                "prestataires",
                _("De quelle manière les prestataires de l'ingénierie ont-ils été associés ?"),
            ),
            SubQuestion(
                "objectifs",
                _("Les partenaires avaient-ils des objectifs propres qui ont été pris en compte ?"),
            ),
            SubQuestion(
                "collaboration",
                _("Le travail mené renforce-t-il le potentiel de collaboration entre des "
                  "partenaires de l'ingénierie ?"),
            ),
            SubQuestion(
                "liens",
                _("Les partenaires et les structures ont-ils créé, développé des liens ou "
                  "amélioré leurs relations ?"),
            ),
        ),
    ),
    Question(
        "changement",
        _("L'ingénierie a-t-elle permis d'anticiper et d'accompagner le changement ?"),
        _("Anticiper ou accompagner le changement"),
        (
            SubQuestion(
                "problematiques",
                _("La démarche a-t-elle repéré, soulevé des problématiques nouvelles au niveau "
                  "sectoriel, territorial ?"),
            ),
            SubQuestion(
                "besoins",
                _("A-t-elle fait émerger des nouveaux besoins individuels ou collectifs, au "
                  "niveau sectoriel, territorial ?"),
            ),
            SubQuestion(
                "adaptation",
                _("La démarche a-t-elle permis l'adaptation des structures à des mutations de "
                  "leur environnement économique et social ?"),
            ),
        ),
    ),
    Question(
        "besoins",
        _("L'ingénierie a-t-elle permis d'identifier des besoins ?"),
        _("Besoins identifiés"),
        (
            SubQuestion(
                "individuels", _("Des besoins individuels pour des structures participantes ?")
            ),
            SubQuestion(
                "collectifs",
                _("Des besoins collectifs pour les structures présentes ou d'autres structures ?"),
            ),
        ),
    ),
    Question(
        "transferables",
        _("L'ingénierie a-t-elle développé des outils, méthodes, contenus transférables ?"),
        _("Outils, méthodes et contenus transférables"),
        (
            SubQuestion(
                "capitalises",
                _("Des analyses, méthodes, outils, contenus ont-ils été développés et "
                  "capitalisés ?"),
            ),
            SubQuestion("transferables", _("Sont-ils transférables ?")),
        ),
    ),
)
QUESTIONS_BY_CODE: dict[str, Question] = {q.code: q for q in QUESTIONS}
MAIN = ""  # sub-question code of a question's own answer

# Limits shared by models and forms (the French messages name them).
TEXT_MAX = 5000
TITLE_MAX = 200
LABEL_MAX = 40
DAYS_MAX = 365
MONTHS_MAX = 120
