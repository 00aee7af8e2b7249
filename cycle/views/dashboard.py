"""The dashboard: the ICs a user may see, as a board by stage or a table, and its exports."""

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from accounts.models import Role
from agenda.selectors import overdue_counts

from .. import exports
from ..dashboard_columns import table_headings
from ..filters import CACHED_OPTIONS, NO_MATCH, ProjectFilter
from ..selectors import (
    COLUMNS_BY_KEY,
    board,
    dashboard_rows,
    dormant_projects,
    export_projects,
    key_figures,
    visible_projects,
    with_dashboard_figures,
)
from .structure_space import structure_home

DORMANT_CAP = 20  # the oldest first; the C2RA follows them up
BOARD_CAP = 12  # cards per stage column; the rest through « Voir tout »
BOARD_OUT_CAP = 4  # per column of closed, suspended and abandoned ICs
TABLE_PAGE_SIZE = 25
BOARD, TABLE = "board", "table"


def filtered_projects(request, searching=False) -> ProjectFilter:
    """The dashboard's filter set over the user's ICs, bound to the query string."""
    visible = visible_projects(request.user)
    return ProjectFilter(
        request.GET, queryset=visible, visible=visible, request=request, searching=searching
    )


@require_GET
def filter_options(request, name):
    """The <option>s of the DLA or prestataire filter matching its search field
    (``<name>_q``), as the user types: the same cached entries as the dashboard's select.

    A structure's representative has no filters (their dashboard is their ICs' space):
    nothing is listed for them.
    """
    if name not in CACHED_OPTIONS:
        raise Http404
    field = filtered_projects(request, searching=True).form.fields[name]
    if request.user.role == Role.STRUCTURE:
        options = [("", field.empty_label)]
    else:
        options = list(field.widget.choices)
    return render(request, "cycle/includes/filter_options.html", {
        "options": options, "chosen": request.GET.get(name, ""), "no_match": NO_MATCH,
    })


class DashboardView(TemplateView):
    template_name = "cycle/dashboard.html"

    def get(self, request, *args, **kwargs):
        if request.user.role == Role.STRUCTURE:  # their ICs' « Espace structure », nothing else
            return structure_home(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = filtered_projects(self.request)
        projects = filterset.qs
        figures = key_figures(projects)
        view = TABLE if self.request.GET.get("view") == TABLE else BOARD
        context.update(filterset=filterset, figures=figures, view=view)
        if self.request.user.role == Role.C2RA or self.request.user.is_admin_role:
            context["dormant"] = list(dormant_projects(self.request.user)[:DORMANT_CAP])
            context["dormant_days"] = settings.DORMANT_AFTER_DAYS
        if view == BOARD:
            context["columns"] = with_overdue(
                board(projects, figures, cap=BOARD_CAP, out_cap=BOARD_OUT_CAP)
            )
        else:
            # The chosen sort (or cycle order), then pk: pages never share or skip a row.
            order = projects.query.order_by or ("cycle_position", "title")
            ids = projects.order_by(*order, "pk").values_list("pk", flat=True)
            paginator = Paginator(ids, TABLE_PAGE_SIZE)
            page = paginator.get_page(self.request.GET.get("page"))
            context.update(
                page_obj=page,
                projects=with_stage_labels(dashboard_rows(list(page.object_list))),
                page_range=paginator.get_elided_page_range(page.number),
                table_columns=table_columns(filterset),
            )
        return context


def with_overdue(columns):
    """Each card with ``overdue``: its IC's overdue tasks, whoever owns them, read for the
    cards shown only. The cards are the user's ICs already: no visibility filter again."""
    cards = [project for column in columns for project in column.cards]
    counts = overdue_counts(projects=[project.pk for project in cards])
    for project in cards:
        project.overdue = counts.get(project.pk, 0)
    return columns


def table_columns(filterset: ProjectFilter) -> list[dict]:
    """Each heading of the table, from the one declaration of the dashboard's columns."""
    chosen = filterset.form.cleaned_data.get("o") if filterset.is_valid() else None
    return table_headings(chosen[0] if chosen else "")


def with_stage_labels(projects: list) -> list:
    for project in projects:
        column = COLUMNS_BY_KEY.get(project.stage)
        project.stage_label = column.label if column else ""
    return projects


class ExportView(PermissionRequiredMixin, View):
    """The filtered dashboard as a file; chargés de mission, C2RA staff and admins."""

    permission_required = "cycle.export_projects"
    raise_exception = True
    writer = None

    def get(self, request, *args, **kwargs):
        projects = with_dashboard_figures(filtered_projects(request).qs)
        return self.writer(export_projects(projects.order_by("cycle_position", "title")))


class ExportCSVView(ExportView):
    writer = staticmethod(exports.csv_response)


class ExportXLSXView(ExportView):
    writer = staticmethod(exports.xlsx_response)
