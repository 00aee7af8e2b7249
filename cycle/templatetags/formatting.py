"""Amounts and days as French readers expect them: 23 824,32 €, 9,5 j.

Django's ``floatformat`` does the localised grouping and decimal comma; these
filters add the unit after a no-break space and a dash for missing values.
"""

import re

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()

NBSP = "\u00a0"
EMPTY = "—"
# « word »: whatever space was typed (or none) inside the guillemets becomes a no-break one.
GUILLEMET_SPACES = re.compile(r"«[ \u00a0\u202f]*|[ \u00a0\u202f]*»")
# A list marker typed at the start of a line ("- ", "• ", "* ").
LINE_MARKER = re.compile(r"^\s*[-•*–]\s+")


def _missing(value) -> bool:
    return value is None or value == ""


@register.filter
def euros(value) -> str:
    """23824.32 → "23 824,32 €"."""
    return EMPTY if _missing(value) else f"{floatformat(value, '2g')}{NBSP}€"


@register.filter
def days(value) -> str:
    """Decimal("9.5") → "9,5 j"; Decimal("15.0") → "15 j"."""
    return EMPTY if _missing(value) else f"{floatformat(value, '-1g')}{NBSP}j"


@register.filter(is_safe=True)
def guillemets(value) -> str:
    """« environnement »: no line ever ends on « nor starts on » (French typography)."""
    return GUILLEMET_SPACES.sub(
        lambda match: f"«{NBSP}" if match.group().startswith("«") else f"{NBSP}»", str(value)
    )


@register.filter
def lines(value) -> list[str]:
    """A text typed one point per line, as the list of its points (typed markers dropped)."""
    return [LINE_MARKER.sub("", line).strip() for line in str(value or "").splitlines()
            if line.strip()]
