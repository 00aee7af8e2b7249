"""The demo's dossiers: each structure representative downloads what is shared with the
structures in their IC, never the DLA team's note; a second run files nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cycle.models import Project
from demo.dossier import DOCUMENTS
from demo.structures import REPRESENTATIVES
from dossier.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize(("username", "title"), [(r[0], r[4]) for r in REPRESENTATIVES])
def test_each_representative_reads_the_shared_documents(demo, client, username, title):
    assert client.login(username=username, password="demo-dla-2026")
    project = Project.objects.get(title=title)
    page = client.get(reverse("dossier:documents", args=[project.pk]))
    titles = {d.title for d in page.context["documents"]}
    assert titles == {"Convention de partenariat", "Compte rendu du comité d'appui",
                      "Feuille d'émargement – atelier 1"}
    convention = next(d for d in page.context["documents"] if d.title.startswith("Convention"))
    latest = convention.versions.all()[0]
    assert latest.number == 2
    response = client.get(reverse("dossier:version_file", args=[latest.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_second_run_files_nothing_twice(demo):
    counts = Document.objects.count(), DocumentVersion.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert (Document.objects.count(), DocumentVersion.objects.count()) == counts
    assert Document.objects.count() == len(DOCUMENTS) * len(REPRESENTATIVES)
