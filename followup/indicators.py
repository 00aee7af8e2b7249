"""The change between N and N+2 of each structure's jobs, budget and own funds, and of the
IC as a whole. A year not answered stays unknown: it is said, never filled in."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

from dla_ic.charts import bar_chart

from .questions import BY_CODE, INDICATORS
from .vocabulary import SHORT, Year


def number(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def shown(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return _("non renseigné")
    text = formats.number_format(value.normalize() if value % 1 else int(value), use_l10n=True,
                                 force_grouping=True)
    return f"{text} {unit}".strip()


@dataclass
class Change:
    """One indicator of one structure (or of the IC): its values by year and N → N+2."""

    code: str
    values: dict = field(default_factory=dict)  # Year -> Decimal | None
    status: dict = field(default_factory=dict)  # Year -> "answered" | "missing" | "pending"

    @property
    def label(self) -> str:
        return str(BY_CODE[self.code].label)

    @property
    def unit(self) -> str:
        return str(BY_CODE[self.code].unit)

    @property
    def delta(self) -> Decimal | None:
        start, end = self.values.get(Year.N), self.values.get(Year.N2)
        return None if start is None or end is None else end - start

    @property
    def delta_text(self) -> str:
        if self.delta is not None:
            sign = "+" if self.delta > 0 else ""
            return sign + shown(self.delta, self.unit)
        if self.status.get(Year.N2) in ("pending", "due"):  # not due yet, or awaited
            return _("N+2 pas encore répondu")
        if self.values.get(Year.N) is None:
            return _("N non renseigné : évolution inconnue")
        return _("N+2 non renseigné : évolution inconnue")

    @property
    def cells(self) -> list[str]:
        return [self.cell(year) for year in Year]

    @property
    def start_text(self) -> str:
        return shown(self.values.get(Year.N), self.unit)

    @property
    def end_text(self) -> str:
        return shown(self.values.get(Year.N2), self.unit)

    def cell(self, year) -> str:
        status = self.status.get(year)
        if status == "pending":
            return _("pas encore dû")
        if status == "due":
            return _("en attente de réponse")
        return shown(self.values.get(year), self.unit)


def _status(questionnaire, today) -> str:
    if questionnaire is None:
        return "missing"
    if questionnaire.answered:
        return "answered"
    return "pending" if questionnaire.due_on > today else "due"


def structure_changes(questionnaires, today) -> list[Change]:
    """The indicators of one structure from its questionnaires (any order)."""
    by_year = {q.year: q for q in questionnaires}
    changes = []
    for code in INDICATORS:
        change = Change(code)
        for year in Year:
            q = by_year.get(year)
            change.status[year] = _status(q, today)
            change.values[year] = number(q.answers.get(code)) if q and q.answered else None
        changes.append(change)
    return changes


def project_totals(rows) -> list[tuple[str, Change, int]]:
    """The IC's change: summed over the structures that answered both N and N+2 (the others
    would make a change out of a missing year). (label, change, how many structures)."""
    totals = []
    for index, code in enumerate(INDICATORS):
        both = [r[index] for _s, r in rows if r[index].delta is not None]
        change = Change(code)
        for year in (Year.N, Year.N2):
            change.values[year] = sum((c.values[year] for c in both), Decimal(0)) if both else None
            change.status[year] = "answered" if both else "missing"
        totals.append((change.label, change, len(both)))
    return totals


def chart(code: str, rows) -> str:
    """One indicator's bars: each structure at N, N+1 and N+2 (a year without a value is
    written out, with no bar)."""
    labels, values, texts = [], [], []
    for name, changes in rows:
        change = next(c for c in changes if c.code == code)
        for year in Year:
            labels.append(f"{name} · {SHORT[year]}")
            values.append(change.values[year])
            texts.append(change.cell(year))
    return bar_chart(labels, values, texts)
