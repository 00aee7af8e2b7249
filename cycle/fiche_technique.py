"""The fiche technique « 2 types d'ingénierie collective » (end of the seed notebook).

Two questions: one structure or several? a specific, a similar or a common need?
The fiche's table: one structure with a need SPECIFIC to it → individual
engineering; one structure whose need is IDENTICAL or SIMILAR to other
structures' → a collective response to the structures; several structures
sharing a COMMON need → an individual and/or collective solution produced
with them. Several structures with similar needs (the fiche's first case of
figure, needs spotted across diagnostics) → a collective response.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .vocabulary import ICType, NeedKind


class StructureCount(models.TextChoices):
    ONE = "une", _("Une seule structure")
    SEVERAL = "plusieurs", _("Plusieurs structures")


INDIVIDUAL_ENGINEERING = _(
    "Un besoin propre à une seule structure relève d'une ingénierie individuelle (II), "
    "pas d'une ingénierie collective : orientez la structure vers un accompagnement individuel."
)
COMMON_NEEDS_SEVERAL = _(
    "Un besoin commun est partagé par plusieurs structures : répondez « Plusieurs "
    "structures », ou choisissez un besoin semblable à celui d'autres structures."
)


@dataclass(frozen=True)
class Outcome:
    ic_type: str = ""  # the proposed type, or "" when the fiche leads elsewhere
    refusal: str = ""  # why it is not a collective engineering (or not a coherent answer)


# The whole decision table: every (structure count, need kind) pair has its outcome.
DECISIONS: dict[tuple[str, str], Outcome] = {
    (StructureCount.ONE, NeedKind.SPECIFIC): Outcome(refusal=INDIVIDUAL_ENGINEERING),
    (StructureCount.ONE, NeedKind.SIMILAR): Outcome(ic_type=ICType.COLLECTIVE_RESPONSE),
    (StructureCount.ONE, NeedKind.COMMON): Outcome(refusal=COMMON_NEEDS_SEVERAL),
    (StructureCount.SEVERAL, NeedKind.SPECIFIC): Outcome(refusal=INDIVIDUAL_ENGINEERING),
    (StructureCount.SEVERAL, NeedKind.SIMILAR): Outcome(ic_type=ICType.COLLECTIVE_RESPONSE),
    (StructureCount.SEVERAL, NeedKind.COMMON): Outcome(ic_type=ICType.SHARED_SOLUTION),
}


def decide(structure_count: str, need_kind: str) -> Outcome:
    return DECISIONS[(StructureCount(structure_count), NeedKind(need_kind))]


def table_for_script() -> dict[str, dict[str, str]]:
    """« count|need » → outcome, for the form's script (the server decides the same)."""
    return {
        f"{count}|{need}": {"type": str(outcome.ic_type), "refusal": str(outcome.refusal)}
        for (count, need), outcome in DECISIONS.items()
    }
