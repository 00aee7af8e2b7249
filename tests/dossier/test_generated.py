"""The generated PDFs are listed beside the uploads, each by the app that makes it (its
registered source) and linked to that app's checked download view."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cycle.states import State
from monographs import services as documents
from tests.cycle.test_guards import bring_to
from tests.monographs.factories import SpecificationFactory
from tests.tenders.conftest import TECHNICAL_CONDITIONS


@pytest.fixture
def issued(project, charge_mission):
    bring_to(project, State.MODALITES, charge_mission)
    specification = SpecificationFactory(
        project=project, expected_contents="Fiscalité", deliverables="Synthèses",
        budget_ceiling=Decimal("15000"), how_to_answer="En ligne",
        reply_deadline=timezone.now() + datetime.timedelta(days=10), **TECHNICAL_CONDITIONS,
    )
    documents.issue_specification(specification, by=charge_mission)
    return project


def generated(client, user, project):
    client.force_login(user)
    response = client.get(reverse("dossier:documents", args=[project.pk]))
    return [(item.title, item.url) for item in response.context["generated"]]


def test_the_issued_cahier_des_charges_is_listed_and_downloads(client, issued, people):
    url = reverse("monographs:specification_version_pdf",
                  kwargs={"project_pk": issued.pk, "number": 1})
    for role in ("charge_mission", "c2ra", "admin", "intervenant"):
        assert generated(client, people[role], issued) == [
            ("Cahier des charges – version 1", url)
        ], role
        assert client.get(url).status_code == 200, role


def test_the_structures_see_no_generated_pdf(client, issued, people):
    assert generated(client, people["structure"], issued) == []
