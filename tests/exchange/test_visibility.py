"""Nobody writes to an audience they are not in. Who READS what, level by level and role by
role, is checked against the one matrix (tests/visibility_matrix.py) in
tests/dossier/test_visibility_matrix.py; access removed in tests/dossier/test_access_removed.py."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cycle.audiences import Visibility
from exchange import services
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


@pytest.mark.parametrize("opening", list(Visibility))
@pytest.mark.parametrize("reply", list(Visibility))
def test_a_subject_never_reaches_beyond_its_opening_audience(client, world, opening, reply):
    """A thread's subject is written with its first message, for that message's audience: an
    answer to a wider audience would show the subject to people it was not written for."""
    first = post(world.users["cm"], world.project, opening, subject="Sujet écrit pour eux",
                 body="Ouverture du fil")
    client.force_login(world.users["cm"])
    client.post(reverse("exchange:thread", args=[world.project.pk, first.thread_id]),
                {"body": "Réponse", "visibility": reply})

    for role in ("intervenant", "structure"):
        reader = client.__class__()
        reader.force_login(world.users[role])
        listing = reader.get(reverse("exchange:project", args=[world.project.pk]))
        thread = reader.get(reverse("exchange:thread", args=[world.project.pk, first.thread_id]))
        sees_opening = thread.status_code == 200 and first.body in thread.content.decode()
        for page in (listing, thread):
            assert ("Sujet écrit pour eux" in page.content.decode()) is sees_opening, role


@pytest.mark.parametrize(
    ("opening", "offered"),
    [
        (Visibility.TEAM, {"team"}),
        (Visibility.PRESTATAIRE, {"team", "prestataire"}),
        (Visibility.STRUCTURES, {"team", "structures"}),
        (Visibility.ALL, {"team", "prestataire", "structures", "all"}),
    ],
)
def test_an_answer_is_offered_and_kept_within_the_opening(client, world, opening, offered):
    first = post(world.users["cm"], world.project, opening)
    client.force_login(world.users["cm"])
    url = reverse("exchange:thread", args=[world.project.pk, first.thread_id])

    form = client.get(url).context["form"]
    assert {value for value, _label in form.fields["visibility"].choices} == offered
    for level in set(Visibility.values) - offered:  # a forged answer: refused beside the field
        response = client.post(url, {"body": "Plus large", "visibility": level})
        assert response.status_code == 200 and response.context["form"].errors["visibility"]
        with pytest.raises(ValidationError):
            services.post_message(by=world.users["cm"], thread=first.thread, body="Plus large",
                                  visibility=level)
    assert not first.thread.messages.filter(body="Plus large").exists()
