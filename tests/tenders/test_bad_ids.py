"""Ids typed into a query string are parsed safely: 404, never a 500 (issue 13, point 4)."""

import pytest
from django.urls import reverse

from .conftest import submit


@pytest.mark.parametrize("wrong", ["²", "٣", "99999999999999999999999"])
def test_a_scorer_that_is_no_id_is_not_found(client, open_call, alpha_user, charge_mission, wrong):
    version = submit(open_call, alpha_user)
    client.force_login(charge_mission)
    url = reverse("tenders:sheet_edit", args=[version.offer.pk])

    assert client.get(url, {"evaluateur": wrong}).status_code == 404
