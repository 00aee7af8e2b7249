"""The demo's follow-up: a closed IC whose structures answered at N and N+1 (one of them
through its representative, in the app) and whose N+2 questionnaires are due."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cycle.models import Project
from cycle.states import State
from demo.followup import FOLLOWUP_IC, REPRESENTATIVE
from followup.models import Questionnaire
from followup.vocabulary import Channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())


def test_a_closed_ic_with_n_and_n1_answers_and_n2_due(demo):
    from agenda.selectors import today

    project = Project.objects.get(title=FOLLOWUP_IC)
    assert project.state == State.CLOSED
    rows = Questionnaire.objects.filter(participation__project=project)
    structures = project.participations.filter(status="engagee").count()
    assert rows.count() == 3 * structures
    assert all(q.answered for q in rows.filter(year=0))
    assert rows.filter(year=1, answered_at__isnull=False, channel=Channel.APP).count() == 1
    assert rows.filter(year=1, answered_at__isnull=True).exists()  # a missing year, told
    n2 = rows.filter(year=2)
    assert all(not q.answered and q.due_on < today() for q in n2)


def test_the_pilot_sees_the_indicators_and_the_rep_its_n2_to_answer(demo, client):
    project = Project.objects.get(title=FOLLOWUP_IC)
    pilot = Questionnaire.objects.filter(participation__project=project, year=0).first()
    client.force_login(pilot.answered_by)
    html = client.get(reverse("followup:project", args=[project.pk])).content.decode()
    assert 'data-testid="indicator-chart"' in html
    assert "N+2 pas encore répondu" in html
    assert client.login(username=REPRESENTATIVE[0], password="demo-dla-2026")
    space = client.get(reverse("cycle:structure_space", args=[project.pk])).content.decode()
    assert 'data-testid="answer-N+2"' in space


def test_a_second_run_writes_nothing_twice(demo):
    before = list(Questionnaire.objects.values_list("pk", "answered_at", "due_on", "version"))
    call_command("load_demo", stdout=StringIO())
    assert list(Questionnaire.objects.values_list("pk", "answered_at", "due_on", "version")) \
        == before
