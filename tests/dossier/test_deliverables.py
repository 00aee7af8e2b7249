"""The chosen firm's intervenants file their « livrables » (that category only) and new
versions of them; the DLA team sees them at once and chooses who else reads them. Another
firm's intervenants, structure contacts and the C2RA cannot file."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from cycle.audiences import Visibility
from directory.models import Intervenant
from dossier import rules, services
from dossier.models import Document
from dossier.vocabulary import Category
from tests.conftest import make_user
from tests.dossier.factories import DocumentFactory, pdf_upload

ROLES = ("structure", "other_structure", "intervenant", "other_intervenant", "charge_mission",
         "other_charge_mission", "c2ra", "admin")
DELIVERS = {"intervenant"}
FILES = {"charge_mission", "admin"}


@pytest.fixture
def deliverable(project, people):
    return services.add_deliverable(
        project=project, title="Rapport de diagnostic", upload=pdf_upload("rapport.pdf"),
        by=people["intervenant"],
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_deliver(project, people, role):
    assert rules.may_deliver(people[role], project) is (role in DELIVERS)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_a_version_of_the_livrable(people, deliverable, role):
    assert rules.may_add_version(people[role], deliverable) is (role in DELIVERS | FILES)


def test_a_colleague_of_the_same_firm_may_version_it_not_other_documents(
    project, people, deliverable
):
    colleague = make_user("collegue", Role.INTERVENANT)
    firm = people["intervenant"].intervenant.prestataire
    Intervenant.objects.create(prestataire=firm, first_name="C", last_name="Alpha", user=colleague)
    team_livrable = DocumentFactory(
        project=project, category=Category.DELIVERABLE, visibility=Visibility.PRESTATAIRE
    )
    assert rules.may_add_version(colleague, deliverable)
    assert not rules.may_add_version(people["intervenant"], team_livrable)  # filed by the team


def test_the_service_refuses_who_may_not_deliver(project, people):
    for role in set(ROLES) - DELIVERS:
        with pytest.raises(PermissionDenied):
            services.add_deliverable(
                project=project, title="x", upload=pdf_upload(), by=people[role]
            )
    assert not Document.objects.exists()


def test_the_intervenant_files_a_livrable_the_team_sees_at_once(client, project, people):
    client.force_login(people["intervenant"])
    page = client.get(reverse("dossier:documents", args=[project.pk]))
    assert "Déposer un livrable" in page.text and 'name="category"' not in page.text

    response = client.post(
        reverse("dossier:documents", args=[project.pk]),
        {"title": "Rapport de diagnostic", "category": Category.CONVENTION,
         "visibility": Visibility.ALL, "file": pdf_upload("rapport.pdf")},
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.category, document.visibility) == (Category.DELIVERABLE,
                                                        Visibility.PRESTATAIRE)
    assert document.created_by == people["intervenant"]
    client.force_login(people["charge_mission"])
    assert "Rapport de diagnostic" in client.get(
        reverse("dossier:documents", args=[project.pk])
    ).text
    client.force_login(people["structure"])
    assert "Rapport de diagnostic" not in client.get(
        reverse("dossier:documents", args=[project.pk])
    ).text


def test_a_bad_livrable_is_refused_beside_the_field(client, project, people):
    client.force_login(people["intervenant"])
    response = client.post(
        reverse("dossier:documents", args=[project.pk]),
        {"title": "Rapport", "file": pdf_upload("rapport.pdf", content=b"pas un pdf")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert 'value="Rapport"' in response.text
    assert not Document.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_posts_a_livrable(client, project, people, role):
    client.force_login(people[role])
    response = client.post(
        reverse("dossier:documents", args=[project.pk]),
        {"title": "Rapport", "category": Category.DELIVERABLE,
         "visibility": Visibility.PRESTATAIRE, "file": pdf_upload("rapport.pdf")},
    )
    expected = 302 if role in DELIVERS | FILES else (403 if role in {"c2ra", "structure"} else 404)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_who_adds_a_version_of_the_livrable(client, people, deliverable, role):
    services.share_document(
        document=deliverable, visibility=Visibility.ALL, by=people["charge_mission"]
    )
    client.force_login(people[role])
    detail = client.get(reverse("dossier:document_detail", args=[deliverable.pk]))
    response = client.post(
        reverse("dossier:version_add", args=[deliverable.pk]), {"file": pdf_upload("v2.pdf")}
    )
    if role in DELIVERS | FILES:
        assert "Déposer une nouvelle version" in detail.text
        assert response.status_code == 302
        assert deliverable.versions.count() == 2
    else:
        assert response.status_code == (404 if role.startswith("other") else 403)
        assert deliverable.versions.count() == 1
    assert ("Partager le document" in detail.text) is (role in FILES)


def test_the_intervenant_may_not_version_a_team_document(client, project, people):
    document = DocumentFactory(project=project, visibility=Visibility.PRESTATAIRE)
    client.force_login(people["intervenant"])
    response = client.post(
        reverse("dossier:version_add", args=[document.pk]), {"file": pdf_upload()}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_version(document=document, upload=pdf_upload(), by=people["intervenant"])


@pytest.mark.parametrize("role", ROLES)
def test_who_shares_the_livrable_further(client, people, deliverable, role):
    client.force_login(people[role])
    response = client.post(
        reverse("dossier:document_share", args=[deliverable.pk]),
        {"visibility": Visibility.STRUCTURES},
    )
    deliverable.refresh_from_db()
    if role in FILES:
        assert response.status_code == 302
        assert deliverable.visibility == Visibility.STRUCTURES
    else:
        readers = {"intervenant", "c2ra"}
        assert response.status_code == (403 if role in readers else 404)
        assert deliverable.visibility == Visibility.PRESTATAIRE


def test_a_bad_visibility_is_told_beside_the_field(client, people, deliverable):
    client.force_login(people["charge_mission"])
    response = client.post(
        reverse("dossier:document_share", args=[deliverable.pk]), {"visibility": "monde"}
    )
    assert response.status_code == 400
    assert response.context["share_form"].errors["visibility"]
