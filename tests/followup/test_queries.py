"""The follow-up's pages read a constant number of queries, however many structures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup import services
from followup.models import Questionnaire
from tests.conftest import make_user

from .conftest import close, committed

pytestmark = pytest.mark.django_db


def _answer_all(project):
    for q in Questionnaire.objects.filter(participation__project=project, year=0):
        services.answer(questionnaire=q, by=None, answers={"jobs_fte": 2}, channel="phone")


def _count(client, url):
    client.get(url)  # the first request after a login refreshes the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def grown(world):
    """The same IC's follow-up, measured with two structures then with six."""
    def measure(client, user, name_of_url):
        counts = []
        for extra in (0, 4):
            for i in range(extra):
                committed(world.project, f"Asso {i}", make_user(f"rep{i}", "structure"))
            if extra:
                Questionnaire.objects.all().delete()
                services.schedule(project=world.project, closed_on=world.project.closed_on_day)
            else:
                close(world.project, world.users["cm"])
                world.project.closed_on_day = Questionnaire.objects.first().due_on
            _answer_all(world.project)
            client.force_login(world.users[user])
            counts.append(_count(client, name_of_url(world)))
        return counts
    return measure


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("cm", lambda w: reverse("followup:project", args=[w.project.pk])),
        ("c2ra", lambda w: reverse("followup:export", args=[w.project.pk])),
        ("structure", lambda w: reverse("cycle:structure_space", args=[w.project.pk])),
        ("cm", lambda w: reverse("agenda:my_tasks")),
    ],
)
def test_constant_queries(client, grown, user, url):
    small, large = grown(client, user, url)
    assert small == large


def test_the_answer_page_is_constant(client, closed, django_assert_max_num_queries):
    q = Questionnaire.objects.filter(participation=closed.participations["a"], year=0).get()
    client.force_login(closed.users["structure"])
    client.get(reverse("followup:answer", args=[q.pk]))
    with django_assert_max_num_queries(14):
        client.get(reverse("followup:answer", args=[q.pk]))
