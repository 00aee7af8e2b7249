"""What the apps above the cycle propose for the IC's own fields (issue 21), registered
from their AppConfig.ready(): the cycle never imports them.

- evaluation: the synthesis of the validated grille's part 3 (grille), proposed as the
  IC's « synthèse de l'évaluation » and as a new capitalisation item.

A provider takes the IC and answers a text ("" when it has nothing to say); the first
that answers something wins. Proposed only in an empty field of an unbound form.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from dla_ic.proposals import propose

from .vocabulary import CapitalisationNature

_EVALUATION: list[Callable] = []

SOURCE = _("Proposé d'après la partie 3 de la grille d'enquête validée.")


def register_evaluation(provider: Callable) -> None:
    if provider not in _EVALUATION:
        _EVALUATION.append(provider)


def proposed_evaluation(project) -> str:
    for provider in _EVALUATION:
        if text := provider(project):
            return text
    return ""


def propose_evaluation_summary(form, project) -> None:
    """The IC's synthèse de l'évaluation, while it is empty."""
    if project is not None and project.pk and not form.is_bound:
        propose(form, "evaluation_summary", proposed_evaluation(project), source=SOURCE)


def propose_capitalisation_item(form, project) -> None:
    """A new capitalisation item: the evaluation's lessons, as an analysis."""
    if project is None or form.is_bound:
        return
    text = proposed_evaluation(project)
    if not text:
        return
    propose(form, "title", str(_("Enseignements de l'évaluation")), source=SOURCE)
    propose(form, "nature", CapitalisationNature.ANALYSIS, source="")
    propose(form, "description", text, source="")
