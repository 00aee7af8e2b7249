"""The follow-up questionnaire, declared once: its questions (at most ten, answerable in three
minutes), their kind and label. The form, the CSV, the indicators and the monograph read it."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DECIMAL = "decimal", _("nombre décimal")
    INTEGER = "integer", _("nombre entier")
    CHOICE = "choice", _("choix")
    TEXT = "text", _("texte")


class StillUsed(models.TextChoices):
    YES = "oui", _("Oui")
    PARTLY = "en_partie", _("En partie")
    NO = "non", _("Non")


@dataclass(frozen=True)
class Question:
    code: str
    label: str
    kind: str
    help_text: str = ""
    unit: str = ""
    choices: tuple = ()
    # Decimals: how many digits after the comma; money is in whole euros.
    places: int = 0


QUESTIONS: tuple[Question, ...] = (
    Question("jobs_fte", _("Emplois salariés (ETP)"), Kind.DECIMAL,
             _("Équivalents temps plein, par exemple 3,5."), _("ETP"), places=2),
    Question("permanent_contracts", _("Dont salariés en CDI"), Kind.INTEGER,
             _("Nombre de personnes."), _("personnes")),
    Question("annual_budget", _("Budget annuel"), Kind.DECIMAL,
             _("Total des produits du dernier exercice, en euros."), "€"),
    Question("result", _("Résultat de l'exercice"), Kind.DECIMAL,
             _("Négatif en cas de déficit, par exemple -1 500."), "€"),
    Question("own_funds", _("Fonds propres"), Kind.DECIMAL,
             _("Au bilan du dernier exercice, en euros."), "€"),
    Question("volunteers", _("Bénévoles réguliers"), Kind.INTEGER,
             _("Nombre de personnes."), _("personnes")),
    Question("partnerships", _("Partenariats"), Kind.INTEGER,
             _("Nombre de partenariats actifs (conventions, coopérations)."), ""),
    Question("outcome_in_use", _("Le résultat de l'IC est-il toujours utilisé ?"),
             Kind.CHOICE, choices=tuple(StillUsed.choices)),
    Question("comment", _("Commentaire"), Kind.TEXT,
             _("Ce qui a changé depuis l'IC, en quelques mots (facultatif).")),
)
BY_CODE = {q.code: q for q in QUESTIONS}
assert len(QUESTIONS) <= 10

# The indicators: the change between N and N+2 of these answers.
INDICATORS: tuple[str, ...] = ("jobs_fte", "annual_budget", "own_funds")
