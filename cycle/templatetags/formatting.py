"""Amounts and days as French readers expect them: 23 824,32 €, 9,5 j.

Django's ``floatformat`` does the localised grouping and decimal comma; these
filters add the unit after a no-break space and a dash for missing values.
"""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()

NBSP = "\u00a0"
EMPTY = "—"


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


@register.filter
def decimal_fr(value, places=2) -> str:
    return EMPTY if _missing(value) else floatformat(value, f"{int(places)}g")
