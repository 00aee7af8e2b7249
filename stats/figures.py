"""The statistics, each declared once: title, columns (label, format) and computation.

The page's tables and charts, the CSV and XLSX of each figure and the national workbook
are all derived from ``FIGURES``. Team-level figures only: no figure is computed per
chargé de mission.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from cycle.dashboard_columns import DAYS, INTEGER, MONEY, TEXT
from cycle.vocabulary import ICType, TerritorialScale
from directory.filters import sector_choices

from . import selectors

PERCENT, YEAR = "percent", "year"


@dataclass(frozen=True)
class Column:
    label: Any  # a lazy translation: the table's heading, the export's
    kind: str = INTEGER
    width: int = 16  # the XLSX column's width

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass(frozen=True)
class Figure:
    key: str  # its anchor on the page and its exports' URL
    title: Any
    columns: tuple[Column, ...]
    compute: Callable[[Any], list[tuple]]  # the ICs' pks (a queryset) -> rows
    chart: int | None = 1  # the column the bar chart draws; None: no chart
    chart_label: int = 0  # the column that names each bar
    note: Any = ""

    def rows(self, ids) -> list[tuple]:
        return self.compute(ids)


def _text(label, width=40):
    return Column(label, TEXT, width)


ICS = Column(_("IC"))
BUDGET = Column(_("Budget (€ TTC)"), MONEY)
DAYS_COUNT = Column(_("Jours d'intervention"), DAYS)

FIGURES = (
    Figure(
        "annees",
        _("Ingénieries collectives par année"),
        (
            Column(_("Année"), YEAR, 10),
            Column(_("Lancées")),
            Column(_("En cours en fin d'année")),
            Column(_("Clôturées")),
        ),
        selectors.per_year,
        note=_("Une IC est lancée à sa date de lancement (à défaut, à sa création)."),
    ),
    Figure(
        "sous-phases",
        _("Temps passé dans chaque sous-phase"),
        (
            _text(_("Sous-phase")),
            Column(_("Passages terminés")),
            Column(_("Médiane (jours)"), DAYS),
            Column(_("9e décile (jours)"), DAYS),
            Column(_("IC qui y sont")),
            Column(_("Depuis, médiane (jours)"), DAYS),
        ),
        selectors.phase_durations,
        chart=2,
        note=_(
            "D'après l'historique des transitions. Les IC qui y sont montrent où les "
            "IC stationnent."
        ),
    ),
    Figure(
        "types",
        _("Par type d'IC : nombre, budget et coûts"),
        (
            _text(_("Type d'IC"), 60),
            ICS,
            BUDGET,
            DAYS_COUNT,
            Column(_("Structures touchées")),
            Column(_("Coût par structure (€)"), MONEY),
            Column(_("Coût par jour (€)"), MONEY),
        ),
        lambda ids: selectors.by_type(ids, ICType.choices),
    ),
    Figure(
        "axes",
        _("Par axe des contenus abordés"),
        (_text(_("Axe")), ICS, BUDGET),
        selectors.by_axis,
        note=_("D'après les grilles d'enquête ; une IC peut relever de plusieurs axes."),
    ),
    Figure(
        "themes",
        _("Par thème des contenus abordés"),
        (_text(_("Axe")), _text(_("Thème")), ICS, BUDGET),
        selectors.by_theme,
        chart=2,
        chart_label=1,
    ),
    Figure(
        "secteurs",
        _("Par secteur d'activité"),
        (_text(_("Secteur")), ICS, BUDGET, DAYS_COUNT),
        lambda ids: selectors.by_dimension(ids, "sectors", sector_choices()),
        note=_("Une IC peut relever de plusieurs secteurs."),
    ),
    Figure(
        "echelles",
        _("Par échelle territoriale"),
        (_text(_("Échelle territoriale")), ICS, BUDGET, DAYS_COUNT),
        lambda ids: selectors.by_dimension(ids, "territorial_scale", TerritorialScale.choices),
    ),
    Figure(
        "structures",
        _("Structures touchées et coûts"),
        (
            ICS,
            Column(_("Structures touchées")),
            BUDGET,
            DAYS_COUNT,
            Column(_("Coût par structure (€)"), MONEY),
            Column(_("Coût par jour (€)"), MONEY),
        ),
        selectors.reach,
        chart=None,
        note=_("Une structure engagée dans plusieurs IC est comptée une fois."),
    ),
    Figure(
        "appels-d-offres",
        _("Appels d'offres"),
        (
            ICS,
            Column(_("IC avec un appel d'offres")),
            Column(_("Part (%)"), PERCENT),
            Column(_("Offres reçues par appel"), DAYS),
        ),
        selectors.tenders,
        chart=None,
        note=_("Les appels annulés ne sont pas comptés."),
    ),
    Figure(
        "motifs",
        _("Motifs d'abandon et de suspension"),
        (_text(_("Nature"), 14), _text(_("Motif"), 60), Column(_("Nombre"))),
        selectors.reasons,
        chart=None,
        note=_("Une IC suspendue deux fois compte deux suspensions."),
    ),
)
FIGURES_BY_KEY = {figure.key: figure for figure in FIGURES}
