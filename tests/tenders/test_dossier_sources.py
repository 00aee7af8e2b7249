"""The IC's dossier lists the signed procès-verbal and letters, each to who may download
it (tenders.rules): the pilots all, each firm its own letter, the structures none."""

import pytest
from django.urls import reverse

from accounts.models import Role
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from tenders import services
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory

from .conftest import after_deadline
from .test_selection import offers, score_both  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def listed(client, user, project):
    client.force_login(user)
    response = client.get(reverse("dossier:documents", args=[project.pk]))
    return {item.title: item.url for item in response.context["generated"]}


@pytest.fixture
def signed(open_call, offers, charge_mission):  # noqa: F811
    late = after_deadline(open_call)
    score_both(open_call, offers, charge_mission, late)
    services.sign_selection(open_call, by=charge_mission, offers=[offers[0]],
                            reasons="Meilleure méthode", now=late)
    return open_call


def test_the_signed_documents_are_listed_to_who_may_download_them(
    client, signed, charge_mission, alpha_user, beta_user
):
    project = signed.project
    alpha_letter, beta_letter = (
        reverse("tenders:letter_pdf", args=[signed.invitations.get(prestataire__name=n).pk])
        for n in ("Cabinet Alpha", "Cabinet Beta")
    )
    report = reverse("tenders:report_pdf", args=[project.pk])

    pilots = listed(client, charge_mission, project)
    assert {report, alpha_letter, beta_letter} <= set(pilots.values())
    assert "Procès-verbal de sélection" in pilots
    for url in (report, alpha_letter, beta_letter):
        assert client.get(url).status_code == 200

    chosen = listed(client, alpha_user, project)  # Alpha is assigned: it reads the IC
    assert alpha_letter in chosen.values()
    assert not {report, beta_letter} & set(chosen.values())
    assert client.get(alpha_letter).status_code == 200

    client.force_login(beta_user)  # not chosen: no dossier at all
    assert client.get(reverse("dossier:documents", args=[project.pk])).status_code == 404


def test_the_structures_see_no_signed_document(client, signed):
    user = make_user("asso", Role.STRUCTURE)
    structure = BeneficiaryStructureFactory()
    ProjectStructure.objects.create(project=signed.project, structure=structure,
                                    status=ParticipationStatus.COMMITTED)
    StructureContact.objects.create(structure=structure, user=user)
    assert listed(client, user, signed.project) == {}
