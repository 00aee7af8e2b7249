"""Nobody writes to an audience they are not in. Who READS what, level by level and role by
role, is checked against the one matrix (tests/visibility_matrix.py) in
tests/dossier/test_visibility_matrix.py; access removed in tests/dossier/test_access_removed.py."""

import pytest
from django.urls import reverse

from cycle.audiences import Visibility
from tests.exchange.factories import post


@pytest.mark.parametrize(
    ("role", "level", "allowed"),
    [
        ("structure", Visibility.STRUCTURES, True),
        ("structure", Visibility.ALL, True),
        ("structure", Visibility.TEAM, False),
        ("structure", Visibility.PRESTATAIRE, False),
        ("intervenant", Visibility.PRESTATAIRE, True),
        ("intervenant", Visibility.STRUCTURES, False),
        ("c2ra", Visibility.TEAM, True),
    ],
)
def test_nobody_writes_to_an_audience_they_are_not_in(client, world, role, level, allowed):
    message = post(world.users["cm"], world.project, Visibility.ALL)
    client.force_login(world.users[role])

    response = client.post(
        reverse("exchange:thread", args=[world.project.pk, message.thread_id]),
        {"body": "Réponse", "visibility": level},
    )

    written = message.thread.messages.filter(body="Réponse", visibility=level).exists()
    assert written == allowed
    assert response.status_code == (302 if allowed else 200)
