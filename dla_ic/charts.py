"""A bar chart as inline SVG, drawn on the server: no script, no external file. Shared by
the statistics and the follow-up indicators (here, below every app that draws one).

Decorative for screen readers (``aria-hidden``): the table beside it carries the numbers.
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join

WIDTH, ROW, BAR, LABEL_HEIGHT = 640, 38, 14, 14
BAR_SPACE = 520  # the longest bar; its value is written after it


def bar_chart(labels: list[str], values: list, shown: list[str]) -> str:
    """Horizontal bars: ``labels`` above each bar, ``shown`` (the values as the table
    writes them) after it. Empty string when there is nothing to draw."""
    numbers = [Decimal(v) if v is not None else Decimal("0") for v in values]
    top = max(numbers, default=Decimal("0"))
    if top <= 0:
        return ""
    height = ROW * len(numbers) + 4
    bars = format_html_join(
        "",
        (
            '<text x="0" y="{}" class="stats-label" font-size="12">{}</text>'
            '<rect x="0" y="{}" width="{}" height="{}" rx="2" class="stats-bar" '
            'fill="#0d6efd"></rect>'
            '<text x="{}" y="{}" class="stats-value" font-size="12">{}</text>'
        ),
        (
            (
                i * ROW + LABEL_HEIGHT - 2,
                label,
                i * ROW + LABEL_HEIGHT + 2,
                _length(number, top),
                BAR,
                _length(number, top) + 6,
                i * ROW + LABEL_HEIGHT + BAR - 1,
                text,
            )
            for i, (label, number, text) in enumerate(zip(labels, numbers, shown, strict=True))
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
        'class="stats-chart" aria-hidden="true" focusable="false">{}</svg>',
        WIDTH,
        height,
        bars,
    )


def _length(number: Decimal, top: Decimal) -> float:
    """A negative value (own funds may be) draws no bar: its text says it."""
    number = max(number, Decimal("0"))
    return round(float(number / top) * BAR_SPACE, 1)
