"""The demo's sessions: two ICs with a session held (attendance recorded) and one to come;
each representative sees its invitation; a second run plans nothing twice."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cycle.models import Project
from demo.agenda import CLAIRE_IC, PAUL_IC
from demo.meetings import SESSIONS
from demo.structures import REPRESENTATIVES
from meetings import selectors
from meetings.models import Attendee, Invitation, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("title", [CLAIRE_IC, PAUL_IC])
def test_two_ics_have_sessions_with_attendance(demo, title):
    project = Project.objects.get(title=title)
    assert Meeting.objects.filter(project=project).count() == 2
    totals = selectors.totals_for(project)
    assert totals and all(t.sessions == 1 and t.hours > 0 for t in totals)


@pytest.mark.parametrize(("username", "title"), [(r[0], r[4]) for r in REPRESENTATIVES])
def test_each_representative_sees_its_answered_invitations(demo, client, username, title):
    assert client.login(username=username, password="demo-dla-2026")
    project = Project.objects.get(title=title)
    page = client.get(reverse("meetings:list", args=[project.pk]))
    assert page.status_code == 200
    assert len(page.context["meetings"]) == 2
    assert all(len(m.invitations.all()) == 1 for m in page.context["meetings"])


def test_a_second_run_plans_nothing_twice(demo):
    counts = (Meeting.objects.count(), Invitation.objects.count(), Attendee.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert counts == (Meeting.objects.count(), Invitation.objects.count(),
                      Attendee.objects.count())
    assert counts[0] == len(SESSIONS)


def test_the_fse_cofunds_claires_ic_only(demo):
    assert selectors.fse_cofunded(Project.objects.get(title=CLAIRE_IC))
    assert not selectors.fse_cofunded(Project.objects.get(title=PAUL_IC))


def test_the_sessions_sit_in_planned_phases_the_grille_reads(demo, client):
    """The held session gives its phase ½ day; the one to come nothing yet; the draft grille's
    part 2 proposes the planned phases with the days from the sessions (issue 17)."""
    from meetings.attendance import by_planned_phase

    project = Project.objects.get(title=PAUL_IC)
    assert not Meeting.objects.filter(project=project, planned_phase__isnull=True).exists()
    totals = list(by_planned_phase(project).values())
    assert [(t.sessions, t.days) for t in totals] == [(1, Decimal("0.5"))]
    assert client.login(username="intervenant", password="demo-dla-2026")
    page = client.get(reverse("grille:part", kwargs={"project_pk": project.pk, "part": 2}))
    assert "d'après les séances (1 séance)" in page.content.decode()
    phases = project.planned_phases.count()
    call_command("load_demo", stdout=StringIO())
    assert project.planned_phases.count() == phases == 2
