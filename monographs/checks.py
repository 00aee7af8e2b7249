"""What the cahier des charges lacks before it is issued: read by the page and the service.

Apart from services.py so that selectors.py reads it without importing the writes.
"""

from django.utils.translation import gettext_lazy as _

from cycle.states import SPECIFICATION_STATES, State

from .models import Specification
from .vocabulary import TOTAL_WEIGHT


def missing_for_issue(specification: Specification) -> list[str]:
    """What the cahier des charges still lacks before it can be sent to prestataires."""
    project = specification.project
    checks = [
        (project.state in SPECIFICATION_STATES,
         _("Le cahier des charges s'émet à l'étape Confirmer.")),
        (project.problem_statement.strip(), _("La problématique de l'IC n'est pas rédigée.")),
        (project.objectives.exists(), _("L'IC n'a pas encore d'objectifs.")),
        (specification.expected_themes or specification.expected_contents.strip(),
         _("Indiquez les contenus attendus.")),
        (specification.deliverables.strip(), _("Précisez les livrables attendus.")),
        (specification.budget_ceiling is not None, _("Indiquez le budget plafond.")),
        (specification.reply_deadline is not None, _("Fixez la date limite de réponse.")),
        (specification.how_to_answer.strip(), _("Expliquez comment répondre.")),
        (sum(c.weight for c in specification.criteria.all()) == TOTAL_WEIGHT,
         _("Les pondérations des critères doivent totaliser 100 %.")),
    ]
    return [str(message) for ok, message in checks if not ok] + modalities_missing(specification)


# The technical conditions the notebook asks to weigh before writing the call (II.B.2,
# « Confirmer »): rhythm, duration, period, place, logistics; scenarios are optional.
REQUIRED_CONDITIONS = ("rhythm", "duration", "period", "place", "logistics")


def modalities_missing(specification: Specification) -> list[str]:
    """The call goes out at the end of « finaliser les modalités », its conditions weighed."""
    missing = []
    if specification.project.state in SPECIFICATION_STATES - {State.MODALITES}:
        missing.append(str(_(
            "Le cahier des charges s'émet à la sous-phase « Finaliser les modalités "
            "d'intervention », une fois les conditions techniques appréciées."
        )))
    empty = [
        str(Specification._meta.get_field(name).verbose_name) for name in REQUIRED_CONDITIONS
        if not getattr(specification, name).strip()
    ]
    if empty:
        missing.append(str(_("Renseignez les conditions techniques : %(conditions)s.")
                           % {"conditions": ", ".join(empty)}))
    return missing
