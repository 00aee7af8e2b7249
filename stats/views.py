"""The statistics page, each figure's exports and the national workbook. Thin: the
figures are declared in stats.figures and computed in stats.selectors."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cycle.models import Project
from directory.filters import region_choices
from dla_ic.charts import bar_chart

from . import cache, exports
from .figures import FIGURES, FIGURES_BY_KEY
from .filters import StatisticsFilter
from .formats import shown
from .rules import scope_q


def statistics_filter(request) -> StatisticsFilter:
    """The filters over the ICs the user's statistics count, bound to the query string."""
    q = scope_q(request.user)
    projects = Project.objects.all()
    if q is not None:  # the region's ICs: by id, the filter joins to-many relations
        projects = projects.filter(pk__in=Project.objects.filter(q).values("pk"))
    return StatisticsFilter(request.GET, queryset=projects, request=request, regional=q is None)


def scope_of(user) -> str:
    """Whose figures: every IC (admins) or a region's (C2RA staff share theirs)."""
    return "national" if scope_q(user) is None else f"region:{user.organisation.region_id}"


def figure_rows(request, figures) -> tuple[StatisticsFilter, dict]:
    """The filters bound to the request, and each of ``figures``' rows (cached)."""
    filterset = statistics_filter(request)
    filters = filterset.form.cleaned_data if filterset.is_valid() else {"refused": True}
    rows = cache.rows_of(
        figures,
        chosen_ids(filterset),
        scope=scope_of(request.user),
        filters={k: v for k, v in filters.items() if v not in (None, "")},
    )
    return filterset, rows


def chosen_ids(filterset: StatisticsFilter):
    """The filtered ICs' pks; none when a filter is refused (its message is shown)."""
    if not filterset.is_valid():
        return Project.objects.none().values("pk")
    return filterset.qs.order_by().values("pk")


def presented(figure, rows) -> dict:
    """What the page shows of a figure: its cells as written, and its chart."""
    cells = [
        [
            {"text": shown(value, column.kind), "numeric": column.numeric}
            for value, column in zip(row, figure.columns, strict=True)
        ]
        for row in rows
    ]
    chart = ""
    if figure.chart is not None and rows:
        chart = bar_chart(
            [str(row[figure.chart_label]) for row in rows],
            [row[figure.chart] for row in rows],
            [cells[i][figure.chart]["text"] for i in range(len(rows))],
        )
    return {"figure": figure, "rows": cells, "chart": chart}


class StatisticsView(PermissionRequiredMixin, TemplateView):
    permission_required = "stats.view_statistics"
    raise_exception = True
    template_name = "stats/statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, rows = figure_rows(self.request, FIGURES)
        context.update(
            filterset=filterset,
            figures=[presented(figure, rows[figure.key]) for figure in FIGURES],
        )
        return context


class FigureExportView(PermissionRequiredMixin, View):
    """One figure of the filtered statistics as a file."""

    permission_required = "stats.view_statistics"
    raise_exception = True
    writer = None

    def get(self, request, key):
        figure = FIGURES_BY_KEY.get(key)
        if figure is None:
            raise Http404
        _filterset, rows = figure_rows(request, [figure])
        return self.writer(figure, rows[figure.key])


class FigureCSVView(FigureExportView):
    writer = staticmethod(exports.csv_response)


class FigureXLSXView(FigureExportView):
    writer = staticmethod(exports.xlsx_response)


class NationalView(PermissionRequiredMixin, View):
    """For admins: the year's figures of every region, one sheet per figure."""

    permission_required = "stats.view_national"
    raise_exception = True

    def get(self, request):
        filterset = StatisticsFilter(
            {"year": request.GET.get("year") or timezone.localdate().year},
            queryset=Project.objects.all(),
        )
        if not filterset.is_valid():
            return HttpResponseBadRequest(_("Indiquez une année valide, par exemple 2026."))
        year = filterset.form.cleaned_data["year"]
        regions = region_choices()  # by name, accents folded
        per_region = []
        for figure in FIGURES:
            per_region.append(
                (figure, [(name, figure.rows(self._ids(year, code))) for code, name in regions])
            )
        return exports.national_response(int(year), per_region)

    @staticmethod
    def _ids(year, region):
        filterset = StatisticsFilter(
            {"year": year, "region": region}, queryset=Project.objects.all()
        )
        return chosen_ids(filterset)
