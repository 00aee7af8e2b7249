"""The dashboard's columns are declared once: headings, sorts and exports derive from it."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from cycle.dashboard_columns import COLUMNS, EXPORT_COLUMNS, SORT_LABELS, SORTS, TABLE_COLUMNS
from cycle.filters import ProjectFilter
from cycle.models import Project
from tests.cycle.datasets import known_set

HOME = reverse("cycle:home")


@pytest.fixture
def data(charge_mission, other_charge_mission, c2ra_staff):
    return known_set(
        charge_mission=charge_mission, other_charge_mission=other_charge_mission,
        c2ra_staff=c2ra_staff,
    )


def test_each_column_is_declared_once_with_one_label():
    keys = [c.key for c in COLUMNS]
    assert len(keys) == len(set(keys))
    labels = [str(c.label) for c in COLUMNS]
    assert len(labels) == len(set(labels))
    # Only the budget's export heading differs: its cells are bare numbers, it names the unit.
    assert {c.key for c in COLUMNS if c.export_label} == {"budget"}


def test_table_headings_and_sort_links_come_from_the_declaration(client, data, admin_user):
    client.force_login(admin_user)
    response = client.get(HOME, {"view": "table", "o": "-days"})
    headings = response.context["table_columns"]
    assert [h["label"] for h in headings] == [c.label for c in TABLE_COLUMNS]
    assert [h["key"] for h in headings] == [c.key for c in TABLE_COLUMNS]
    assert [h["numeric"] for h in headings] == [c.numeric for c in TABLE_COLUMNS]
    by_key = {h["key"]: h for h in headings}
    assert (by_key["days"]["aria"], by_key["days"]["next"]) == ("descending", "days")
    assert (by_key["title"]["aria"], by_key["title"]["next"]) == ("none", "title")
    html = response.content.decode()
    for column in TABLE_COLUMNS:
        assert escape(str(column.label)) in html


def test_the_sorts_accepted_are_the_declared_ones(data, admin_user, rf):
    assert SORTS == tuple((c.order, c.key) for c in COLUMNS if c.order)
    ordering = ProjectFilter(queryset=Project.objects.all()).filters["o"]
    assert ordering.param_map == {key: order for order, key in SORTS}
    choices = {value: str(label) for value, label in ordering.extra["choices"]}
    for order, key in SORTS:
        assert choices[key] == str(SORT_LABELS[order])
    for _order, key in SORTS:
        for param in (key, f"-{key}"):
            request = rf.get(HOME, {"o": param})
            request.user = admin_user
            filterset = ProjectFilter(request.GET, queryset=Project.objects.all(), request=request)
            assert filterset.is_valid(), param
    refused = ProjectFilter({"o": "state"}, queryset=Project.objects.all())
    assert not refused.is_valid()


def test_export_headings_come_from_the_declaration(client, data, admin_user):
    client.force_login(admin_user)
    expected = [str(c.heading) for c in EXPORT_COLUMNS]
    text = client.get(reverse("cycle:export_csv")).content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text), delimiter=";")) == expected
    xlsx = client.get(reverse("cycle:export_xlsx")).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [cell.value for cell in sheet[1]] == expected
