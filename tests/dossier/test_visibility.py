"""Where the documents are reached from: the « Espace structure » links the files shared
with the structures (the matrix, tests/visibility_matrix.py), the IC's page its dossier.
Who reads what, level by level and role by role: tests/dossier/test_visibility_matrix.py."""

from django.urls import reverse

from tests.dossier.factories import DocumentFactory
from tests.visibility_matrix import LEVELS, sees


def test_the_structure_space_lists_the_shared_documents_only(client, project, people):
    shared = {level: DocumentFactory(project=project, visibility=level, title=f"Pièce {level}")
              for level in LEVELS}
    client.force_login(people["structure"])
    page = client.get(reverse("cycle:structure_space", args=[project.pk])).content.decode()
    assert reverse("dossier:documents", args=[project.pk]) in page
    for level, document in shared.items():
        url = reverse("dossier:version_file", args=[document.versions.get().pk])
        assert (url in page) is sees("structure", level), level


def test_the_ic_page_links_to_its_documents(client, project, people):
    client.force_login(people["charge_mission"])
    page = client.get(reverse("cycle:project_detail", args=[project.pk])).content.decode()
    assert reverse("dossier:documents", args=[project.pk]) in page
