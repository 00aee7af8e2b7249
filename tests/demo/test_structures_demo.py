"""The demo's two structure representatives: each signs in and finds one IC's « Espace
structure », not its page; a second run creates nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cycle.models import Project
from demo.structures import REPRESENTATIVES
from directory.models import StructureContact

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize(("username", "title"), [(r[0], r[4]) for r in REPRESENTATIVES])
def test_each_representative_sees_their_ic_space_only(demo, client, username, title):
    assert client.login(username=username, password="demo-dla-2026")
    project = Project.objects.get(title=title)
    home = client.get(reverse("cycle:home")).content.decode()
    assert title in home
    assert client.get(reverse("cycle:structure_space", args=[project.pk])).status_code == 200
    assert client.get(reverse("cycle:project_detail", args=[project.pk])).status_code == 404


def test_a_second_run_creates_nothing_twice(demo):
    call_command("load_demo", stdout=StringIO())
    # and the follow-up's representative (demo/followup.py)
    assert StructureContact.objects.count() == len(REPRESENTATIVES) + 1


@pytest.mark.parametrize(("username", "title"), [(r[0], r[4]) for r in REPRESENTATIVES])
def test_each_representative_reads_their_ics_messages_never_a_note(demo, client, username, title):
    from exchange.models import Message, Note

    assert client.login(username=username, password="demo-dla-2026")
    project = Project.objects.get(title=title)
    page = client.get(reverse("exchange:project", args=[project.pk])).content.decode()
    shared = Message.objects.filter(thread__project=project, visibility__in=["structures", "all"])
    assert shared.exists()
    assert all(m.thread.subject.replace("'", "&#x27;") in page for m in shared)
    assert Note.objects.filter(project=project).exists()
    assert "Notes privées" not in page
    team = Message.objects.filter(thread__project=project, visibility="team").first()
    if team is not None:
        thread_url = reverse("exchange:thread", args=[project.pk, team.thread_id])
        assert client.get(thread_url).status_code == 404


def test_a_second_run_writes_no_message_twice(demo):
    from exchange.models import Message, Note

    counts = Message.objects.count(), Note.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert (Message.objects.count(), Note.objects.count()) == counts
