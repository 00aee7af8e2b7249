"""The attendance list, the émargement sheet (page and PDF), the signed scan, the totals."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from cycle.models import BudgetTranche
from directory.models import Partner
from directory.vocabulary import PartnerKind
from dossier.models import Document
from dossier.vocabulary import Category
from meetings import selectors, services
from tests.exchange.factories import pdf_bytes
from tests.meetings.conftest import plan


def _fields(world):
    s1, s2 = world.participation.structure_id, world.second.pk
    return s1, s2


def test_one_line_per_expected_person_named_from_the_accounts(world):
    lines = selectors.expected_lines(world.meeting)
    s1, s2 = _fields(world)
    assert sorted((line.structure.pk, line.slot) for line in lines) == sorted(
        [(s1, 1), (s1, 2), (s2, 1)]
    )
    assert {(line.structure.pk, line.name) for line in lines} == {
        (s1, "Nora Benali"), (s1, ""), (s2, "")
    }


def test_the_intervenant_records_attendance(client, world):
    s1, s2 = _fields(world)
    client.force_login(world.users["intervenant"])
    url = reverse("meetings:attendance", args=[world.meeting.pk])
    refused = client.post(url, {f"present-{s2}-1": "on"})
    assert refused.status_code == 400
    assert "Indiquez le nom de la personne présente." in refused.content.decode()
    response = client.post(url, {
        f"name-{s1}-1": "Nora Benali", f"present-{s1}-1": "on", f"name-{s1}-2": "Paul Roux",
        f"name-{s2}-1": "Léa Martin", f"present-{s2}-1": "on",
    })
    assert response.status_code == 302
    totals = {t.structure.pk: t for t in selectors.totals_for(world.project)}
    assert (totals[s1].sessions, totals[s1].people, totals[s1].hours) == (1, 1, 2.5)
    assert (totals[s2].sessions, totals[s2].hours) == (1, 2.5)
    page = client.get(url).content.decode()
    assert 'value="Paul Roux"' in page  # recorded lines are shown again


def test_totals_add_up_sessions_and_skip_cancelled_ones(world):
    other = plan(world.project, invited={world.participation.structure: 1}, title="Atelier 2")
    for meeting in (world.meeting, other):
        services.record_attendance(meeting=meeting, by=world.users["cm"], lines=[
            {"structure": world.participation.structure, "slot": 1, "name": "Nora",
             "present": True},
        ])
    [total] = selectors.totals_for(world.project)
    assert (total.sessions, total.hours) == (2, 5.0)
    services.cancel_meeting(meeting=other, version=other.version, by=world.users["cm"])
    [total] = selectors.totals_for(world.project)
    assert total.sessions == 1


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_names_every_expected_person(client, world):
    services.record_attendance(meeting=world.meeting, by=world.users["cm"], lines=[
        {"structure": world.participation.structure, "slot": 2, "name": "Paul Roux",
         "present": False},
        {"structure": world.second, "slot": 1, "name": "Léa Martin", "present": False},
    ])
    client.force_login(world.users["cm"])
    response = client.get(reverse("meetings:sheet_pdf", args=[world.meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for name in ("Nora Benali", "Paul Roux", "Léa Martin", "Signature", "Atelier collectif"):
        assert name in text
    assert "Fonds social européen" not in text


def test_the_fse_mention_when_the_fse_cofunds_the_ic(client, world):
    fse = Partner.objects.create(name="Fonds social européen (FSE+)", kind=PartnerKind.OTHER,
                                 european_social_fund=True)
    tranche = BudgetTranche.objects.create(project=world.project, label="Tranche 1",
                                           amount=1000, days=2)
    tranche.funders.add(fse)
    client.force_login(world.users["cm"])
    page = client.get(reverse("meetings:sheet", args=[world.meeting.pk])).content.decode()
    assert 'data-testid="fse-mention"' in page
    pdf = client.get(reverse("meetings:sheet_pdf", args=[world.meeting.pk])).content
    assert "Fonds social" in _pdf_text(pdf)


def test_the_signed_scan_goes_to_the_dossier(client, world, private_root):
    client.force_login(world.users["cm"])
    url = reverse("meetings:sheet_upload", args=[world.meeting.pk])
    scan = SimpleUploadedFile("scan.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url, {"file": scan}).status_code == 302
    document = Document.objects.get(project=world.project)
    assert document.category == Category.ATTENDANCE and document.versions.count() == 1
    bad = SimpleUploadedFile("scan.exe", b"MZ...", content_type="application/octet-stream")
    assert client.post(url, {"file": bad}).status_code == 400


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["cm", "intervenant", "structure"])
def test_the_list_reads_a_constant_number_of_queries(client, world, role):
    client.force_login(world.users[role])
    url = reverse("meetings:list", args=[world.project.pk])
    client.get(url)  # the first request after login saves the session
    before = _queries(client, url)
    for n in range(3):
        meeting = plan(world.project, invited={world.participation.structure: 1,
                                               world.second: 2}, title=f"Séance {n}")
        services.record_attendance(meeting=meeting, by=world.users["cm"], lines=[
            {"structure": world.second, "slot": 1, "name": "Léa", "present": True},
        ])
    assert _queries(client, url) == before
