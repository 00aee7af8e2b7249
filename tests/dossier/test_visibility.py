"""For every visibility and every role: who sees the document in the list, who opens it,
who downloads its file."""

import pytest
from django.urls import reverse

from cycle.audiences import Visibility
from tests.dossier.factories import DocumentFactory

TEAM = {"charge_mission", "c2ra", "admin"}
SEES = {
    Visibility.TEAM: TEAM,
    Visibility.PRESTATAIRE: TEAM | {"intervenant"},
    Visibility.STRUCTURES: TEAM | {"structure"},
    Visibility.ALL: TEAM | {"intervenant", "structure"},
}
# Who reaches the IC's dossier page at all (whatever is shared on it).
READS_THE_DOSSIER = TEAM | {"intervenant", "structure"}
ROLES = ("structure", "other_structure", "intervenant", "other_intervenant", "charge_mission",
         "other_charge_mission", "c2ra", "admin")
CASES = [(v, r) for v in Visibility for r in ROLES]


@pytest.mark.parametrize(("visibility", "role"), CASES, ids=[f"{v}-{r}" for v, r in CASES])
def test_who_sees_and_downloads(client, project, people, visibility, role):
    document = DocumentFactory(project=project, visibility=visibility, title="Pièce secrète")
    version = document.versions.get()
    client.force_login(people[role])
    sees = role in SEES[visibility]

    listing = client.get(reverse("dossier:documents", args=[project.pk]))
    detail = client.get(reverse("dossier:document_detail", args=[document.pk]))
    download = client.get(reverse("dossier:version_file", args=[version.pk]))

    assert listing.status_code == (200 if role in READS_THE_DOSSIER else 404)
    assert ("Pièce secrète" in listing.content.decode()) is sees
    assert detail.status_code == (200 if sees else 404)
    assert download.status_code == (200 if sees else 404)
    if sees:
        assert download["Content-Disposition"].startswith('attachment; filename="convention.pdf"')
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_withdrawn_structure_loses_the_documents_at_once(client, project, people):
    from cycle.models import ProjectStructure
    from cycle.vocabulary import ParticipationStatus

    version = DocumentFactory(project=project, visibility=Visibility.ALL).versions.get()
    client.force_login(people["structure"])
    url = reverse("dossier:version_file", args=[version.pk])
    assert client.get(url).status_code == 200

    ProjectStructure.objects.filter(project=project).update(
        status=ParticipationStatus.WITHDREW, withdrawal_reason="Fermeture"
    )

    assert client.get(url).status_code == 404


def test_the_structure_space_lists_the_shared_documents_only(client, project, people):
    shared = {v: DocumentFactory(project=project, visibility=v, title=f"Pièce {v.value}")
              for v in Visibility}
    client.force_login(people["structure"])
    page = client.get(reverse("cycle:structure_space", args=[project.pk])).content.decode()
    assert reverse("dossier:documents", args=[project.pk]) in page
    for visibility, document in shared.items():
        url = reverse("dossier:version_file", args=[document.versions.get().pk])
        assert (url in page) is (visibility in SEES_STRUCTURE), visibility


SEES_STRUCTURE = {v for v, roles in SEES.items() if "structure" in roles}


def test_the_ic_page_links_to_its_documents(client, project, people):
    client.force_login(people["charge_mission"])
    page = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    assert reverse("dossier:documents", args=[project.pk]) in page
