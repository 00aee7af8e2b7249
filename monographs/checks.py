"""What the cahier des charges lacks before it is issued: read by the page and the service.

Each rule is a ``Requirement`` with its one message (dla_ic.requirements); those on the
IC's own facts are the cycle's (cycle.guards). ``WEIGHTS_TOTAL`` is the one home of
"the criteria's weights total 100", which opening a call reuses (tenders).
Apart from services.py so that selectors.py reads it without importing the writes.
"""

from django.utils.translation import gettext_lazy as _

from cycle import guards
from cycle.states import SPECIFICATION_STATES, State
from dla_ic.requirements import Requirement
from dla_ic.requirements import missing as missing_of

from .models import Specification
from .vocabulary import TOTAL_WEIGHT


def weights_total(specification: Specification | None) -> int:
    """The sum of the criteria's weights (0 without a cahier des charges)."""
    if specification is None:
        return 0
    return sum(c.weight for c in specification.criteria.all())


# Its subject is the total (of the saved criteria, or of those being typed in).
WEIGHTS_TOTAL = Requirement(
    _("Les pondérations des critères totalisent %(total)s %% : elles doivent totaliser "
      "100 %%."),
    lambda total: total == TOTAL_WEIGHT,
    lambda total: {"total": total},
)


def _of_project(requirement: Requirement) -> Requirement:
    """A rule on the IC, asked of its cahier des charges."""
    return Requirement(
        requirement.message, lambda s: requirement.met(s.project),
        requirement.details and (lambda s: requirement.details(s.project)),
    )


ISSUE_REQUIREMENTS = (
    Requirement(_("Le cahier des charges s'émet à l'étape Confirmer."),
                lambda s: s.project.state in SPECIFICATION_STATES),
    _of_project(guards.PROBLEM_STATEMENT),
    _of_project(guards.OPERATIONAL_OBJECTIVE),
    Requirement(_("Indiquez les contenus attendus."),
                lambda s: s.expected_themes or s.expected_contents.strip()),
    Requirement(_("Précisez les livrables attendus."), lambda s: s.deliverables.strip()),
    Requirement(_("Indiquez le budget plafond."), lambda s: s.budget_ceiling is not None),
    Requirement(_("Fixez la date limite de réponse."), lambda s: s.reply_deadline is not None),
    Requirement(_("Expliquez comment répondre."), lambda s: s.how_to_answer.strip()),
    lambda s: WEIGHTS_TOTAL.missing(weights_total(s)),
)


def missing_for_issue(specification: Specification) -> list[str]:
    """What the cahier des charges still lacks before it can be sent to prestataires."""
    return missing_of(specification, ISSUE_REQUIREMENTS) + modalities_missing(specification)


# The technical conditions the notebook asks to weigh before writing the call (II.B.2,
# « Confirmer »): rhythm, duration, period, place, logistics; scenarios are optional.
REQUIRED_CONDITIONS = ("rhythm", "duration", "period", "place", "logistics")


def _empty_conditions(specification: Specification) -> list[str]:
    return [
        str(Specification._meta.get_field(name).verbose_name) for name in REQUIRED_CONDITIONS
        if not getattr(specification, name).strip()
    ]


MODALITIES_REQUIREMENTS = (
    Requirement(
        _("Le cahier des charges s'émet à la sous-phase « Finaliser les modalités "
          "d'intervention », une fois les conditions techniques appréciées."),
        lambda s: s.project.state not in SPECIFICATION_STATES - {State.MODALITES},
    ),
    Requirement(
        _("Renseignez les conditions techniques : %(conditions)s."),
        lambda s: not _empty_conditions(s),
        lambda s: {"conditions": ", ".join(_empty_conditions(s))},
    ),
)


def modalities_missing(specification: Specification) -> list[str]:
    """The call goes out at the end of « finaliser les modalités », its conditions weighed."""
    return missing_of(specification, MODALITIES_REQUIREMENTS)
