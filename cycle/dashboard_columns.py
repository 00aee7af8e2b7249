"""The dashboard's columns, declared once: label, sort, value and export format.

From ``COLUMNS`` derive the table's headings and sort links (``TABLE_COLUMNS``), the
sorts the query string accepts (``SORTS``, ``?o=<key>`` or ``?o=-<key>``, with their
labels) and the CSV/XLSX exports' headings and values (``EXPORT_COLUMNS``). The table's
cells are drawn by its template, in the order of ``TABLE_COLUMNS``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .selectors import COLUMNS_BY_KEY
from .states import State

TEXT, INTEGER, MONEY, DAYS, DATE = "text", "integer", "money", "days", "date"


@dataclass(frozen=True)
class Column:
    key: str  # its name, and the sort parameter (?o=key, ?o=-key) if ``order``
    label: Any  # a lazy translation: the table's heading, the sort's and the export's
    value: Callable[[Any], Any]  # project -> what the export writes
    kind: str = TEXT  # the export's format; a non-text column is right-aligned in the table
    width: int = 14  # the XLSX column's width
    order: str | None = None  # the field or dashboard figure it sorts on; None: no sort
    table: bool = True  # a column of the dashboard's table (else: exports only)
    export_label: Any = None  # the export's heading when it must differ (see Budget)

    @property
    def heading(self):
        """The export's heading."""
        return self.export_label or self.label

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


def _stage(project) -> str:
    column = COLUMNS_BY_KEY.get(project.stage)
    return str(column.label) if column else ""


def _phase(project) -> str:
    if project.state == State.SUSPENDED and project.suspended_from:
        return _("Suspendue depuis : %(phase)s") % {
            "phase": project.get_suspended_from_display()
        }
    if project.state in COLUMNS_BY_KEY:  # out of the cycle: the stage says it all
        return ""
    return str(project.get_state_display())


def _join(names: Iterable[Any]) -> str:
    return ", ".join(str(name) for name in names)


COLUMNS = (
    Column("title", gettext_lazy("Intitulé"), lambda p: p.title, width=48, order="title"),
    Column("referent", gettext_lazy("Pilote référent"), lambda p: p.referent_name or "",
           width=28, order="referent_name"),
    Column("pilots", gettext_lazy("Pilotes"),
           lambda p: _join(x.organisation for x in p.pilotages.all()), width=36, table=False),
    # The table shows the sub-phase within the stage's cell.
    Column("stage", gettext_lazy("Étape"), _stage, order="cycle_position"),
    Column("phase", gettext_lazy("Sous-phase"), _phase, width=36, table=False),
    Column("ic_type", gettext_lazy("Type d'IC"), lambda p: str(p.get_ic_type_display()),
           width=36, order="ic_type"),
    Column("scale", gettext_lazy("Échelle territoriale"),
           lambda p: str(p.get_territorial_scale_display()), table=False),
    Column("sectors", gettext_lazy("Secteurs"), lambda p: _join(p.sectors.all()), width=30,
           table=False),
    Column("prestataires", gettext_lazy("Prestataires"),
           lambda p: _join(a.prestataire for a in p.assignments.all()), width=30, table=False),
    Column("structures", gettext_lazy("Structures engagées"), lambda p: p.structures_committed,
           INTEGER, order="structures_committed"),
    # The table's cells read « 11 302,00 € »; the export's are bare numbers: its heading
    # carries the unit.
    Column("budget", gettext_lazy("Budget TTC"), lambda p: p.budget_amount, MONEY,
           order="budget_amount", export_label=gettext_lazy("Budget (€ TTC)")),
    Column("days", gettext_lazy("Nombre de jours"), lambda p: p.budget_days, DAYS,
           order="budget_days"),
    Column("launched", gettext_lazy("Date de lancement"), lambda p: p.launched_on, DATE,
           order="launched_on"),
    Column("starts", gettext_lazy("Début de l'intervention"),
           lambda p: p.intervention_starts_on, DATE, table=False),
    Column("ends", gettext_lazy("Fin de l'intervention"), lambda p: p.intervention_ends_on,
           DATE, table=False),
)

TABLE_COLUMNS = tuple(c for c in COLUMNS if c.table)
EXPORT_COLUMNS = COLUMNS
SORTED = tuple(c for c in COLUMNS if c.order)
# django-filter's OrderingFilter: (field or figure, parameter), and each one's label.
SORTS = tuple((c.order, c.key) for c in SORTED)
SORT_LABELS = {c.order: c.label for c in SORTED}


def table_headings(chosen: str = "") -> list[dict]:
    """Each table heading: label, alignment, current direction (aria-sort) and the sort its
    link sets (``chosen``: the current ``?o=``, "-" first when descending)."""
    headings = []
    for column in TABLE_COLUMNS:
        key = column.key
        if chosen == key:
            aria, following = "ascending", f"-{key}"
        elif chosen == f"-{key}":
            aria, following = "descending", key
        else:
            aria, following = "none", key if column.order else None
        headings.append({
            "key": key, "label": column.label, "numeric": column.numeric, "aria": aria,
            "next": following,
        })
    return headings
