"""French number formatting for pages: 23 824,32 €, 9,5 j.

Thousands are separated by a narrow no-break space (U+202F), the unit by a
no-break space (U+00A0), as French typography and Excel's French locale do.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
EMPTY = "—"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, places: int = 2, *, grouping: bool = True, trim: bool = False) -> str:
    """``places`` decimals with a comma; ``trim`` drops a zero decimal part (15,0 → 15)."""
    number = _decimal(value)
    if number is None:
        return ""
    quantum = Decimal(1).scaleb(-places) if places else Decimal(1)
    number = number.quantize(quantum, ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integer, _dot, fraction = f"{abs(number):f}".partition(".")
    if grouping:
        groups = []
        while len(integer) > 3:
            integer, groups = integer[:-3], [integer[-3:], *groups]
        integer = NARROW_NBSP.join([integer, *groups])
    if trim:
        fraction = fraction.rstrip("0")
    return f"{sign}{integer},{fraction}" if fraction else f"{sign}{integer}"


@register.filter
def euros(value) -> str:
    """23824.32 → "23 824,32 €"."""
    text = format_number(value, 2)
    return f"{text}{NBSP}€" if text else EMPTY


@register.filter
def days(value) -> str:
    """Decimal("9.5") → "9,5 j"; Decimal("15.0") → "15 j"."""
    text = format_number(value, 1, trim=True)
    return f"{text}{NBSP}j" if text else EMPTY


@register.filter
def decimal_fr(value, places=2) -> str:
    text = format_number(value, int(places))
    return text or EMPTY
