"""Upload, preview, confirm, background import: nothing written before the confirmation
nor on a refusal; the preview announces exactly what the import does; all or nothing."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import BeneficiaryStructure
from imports import planning, services
from imports.kinds import KINDS
from imports.models import ImportJob, JobStatus, SavedMapping
from imports.tasks import run_import
from tests.directory.factories import BeneficiaryStructureFactory

from .files import GOOD_ROWS, SIRET_A, SIRET_C, csv_bytes, structure_rows, upload, xlsx_bytes


def _upload(client, content, name="structures.xlsx", kind="structures"):
    return client.post(reverse("imports:start"), {"kind": kind, "file": upload(content, name)})


def _run(job, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:confirm", args=[job.pk]))
    assert response.status_code == 302
    run_import.call(job.pk)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"%PDF-1.7\n1 0 obj", "s.xlsx", "n'est pas un tableur"),
    (b"PK\x03\x04garbage", "s.xlsx", "n'est pas un classeur Excel"),
    (csv_bytes([["Nom"], ["=HYPERLINK(\"x\")"]]), "s.csv", "La cellule A2 contient une formule"),
    (b"Nom;SIRET\r\n" + b"x" * (11 * 1024 * 1024), "gros.csv", "(11 Mo) : 10 Mo au plus"),
])
def test_a_refused_file_says_why_in_french_and_writes_nothing(
    client, charge_mission, content, name, message, settings,
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    client.force_login(charge_mission)
    response = _upload(client, content, name)
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not ImportJob.objects.exists()
    assert not BeneficiaryStructure.objects.exists()


def test_a_30_mb_file_is_refused_before_it_is_read(client, charge_mission):
    client.force_login(charge_mission)
    response = _upload(client, b"Nom;SIRET\r\n" + b"x" * (30 * 1024 * 1024), "gros.csv")
    assert response.status_code == 413  # the site's request limit, before any parsing
    assert "trop volumineuse" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_preview_then_confirm_imports_exactly_what_was_announced(
    client, charge_mission, django_capture_on_commit_callbacks,
):
    known = BeneficiaryStructureFactory(
        name="Ancienne", siret=SIRET_C, sector_id="culture", departement_id="59", employees=1,
    )
    rows = structure_rows(*GOOD_ROWS, ["Ancienne", SIRET_C, "", "culture", "59", 4],
                          ["Jardins de Cocagne", "", "", "culture", "59"])  # near row 2's
    client.force_login(charge_mission)
    response = _upload(client, xlsx_bytes(rows))
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:preview", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "Créer : 4" in page and "Mettre à jour : 1" in page
    assert BeneficiaryStructure.objects.count() == 1  # nothing written before confirming
    announced = planning.plan(KINDS["structures"], job.rows, job.mapping, charge_mission)

    job = _run(job, django_capture_on_commit_callbacks, client)
    assert job.status == JobStatus.DONE and job.progress == 100
    assert job.counts == announced.counts == {"create": 4, "update": 1, "skip": 0, "error": 0}
    created = set(BeneficiaryStructure.objects.exclude(pk=known.pk).values_list("name", flat=True))
    assert created == {r.values["name"] for r in announced.rows if r.action == "create"}
    known.refresh_from_db()
    assert known.employees == 4 and known.version == 2  # bumped: an open edit form is refused
    assert known.history.count() == 2
    assert BeneficiaryStructure.objects.get(siret=SIRET_A).history.count() == 1
    # run twice: imported once
    run_import.call(job.pk)
    assert BeneficiaryStructure.objects.count() == 5


def test_a_file_with_errors_cannot_be_confirmed(client, charge_mission):
    client.force_login(charge_mission)
    _upload(client, xlsx_bytes(structure_rows(*GOOD_ROWS, ["X", "123", "", "culture", "59"])))
    job = ImportJob.objects.get()
    page = client.get(reverse("imports:preview", args=[job.pk])).content.decode()
    assert "Un SIRET compte exactement 14 chiffres." in page
    response = client.post(reverse("imports:confirm", args=[job.pk]), follow=True)
    assert "Corrigez les erreurs du fichier" in unescape(response.content.decode())
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT
    assert not BeneficiaryStructure.objects.exists()


def test_a_failure_mid_import_leaves_nothing(
    client, charge_mission, django_capture_on_commit_callbacks, monkeypatch,
):
    client.force_login(charge_mission)
    rows = structure_rows(*[[f"Structure {i}", "", "", "culture", "59"] for i in range(30)])
    _upload(client, xlsx_bytes(rows))
    job = ImportJob.objects.get()
    monkeypatch.setattr(planning, "BATCH", 10)
    calls = []

    def fail_on_third(percent):
        calls.append(percent)
        if len(calls) == 3:
            raise RuntimeError("disque plein")

    real_apply = planning.apply
    monkeypatch.setattr(planning, "apply", lambda k, p, _progress: real_apply(k, p, fail_on_third))
    with pytest.raises(RuntimeError):
        _run(job, django_capture_on_commit_callbacks, client)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "disque plein" in job.error
    assert not BeneficiaryStructure.objects.exists()  # the first two batches were rolled back
    page = client.get(reverse("imports:progress", args=[job.pk])).content.decode()
    assert "rien n'a été enregistré" in unescape(page)


def test_csv_in_cp1252_with_commas_imports(client, charge_mission,
                                          django_capture_on_commit_callbacks):
    client.force_login(charge_mission)
    content = csv_bytes(structure_rows(*GOOD_ROWS), delimiter=",", encoding="cp1252")
    _upload(client, content, "export.csv")
    job = _run(ImportJob.objects.get(), django_capture_on_commit_callbacks, client)
    assert job.counts["create"] == 3
    assert BeneficiaryStructure.objects.filter(name="Ressourcerie du Pévèle").exists()


def test_mapping_is_editable_and_remembered_per_user_and_kind(client, charge_mission):
    client.force_login(charge_mission)
    rows = [["Raison", "Code SIRET", "Activité", "Dépt"], ["Ressourcerie", "", "culture", "59"]]
    _upload(client, xlsx_bytes(rows))
    job = ImportJob.objects.get()
    assert job.mapping == {"departement_id": 3}  # « Dépt » alone is a known header
    page = client.get(reverse("imports:preview", args=[job.pk])).content.decode()
    assert "Valeur obligatoire manquante." in page
    client.post(reverse("imports:preview", args=[job.pk]),
                {"name": "0", "siret": "1", "sector_id": "2", "departement_id": "3"})
    job.refresh_from_db()
    assert job.mapping == {"name": 0, "siret": 1, "sector_id": 2, "departement_id": 3}
    assert planning.plan(KINDS["structures"], job.rows, job.mapping,
                         charge_mission).counts["create"] == 1
    assert SavedMapping.objects.get(user=charge_mission, kind="structures").mapping["name"] == (
        "Raison"
    )
    # the next file with the same headers is mapped as last time
    second = services.start(by=charge_mission, kind_code="structures",
                            upload=upload(xlsx_bytes(rows)))
    assert second.mapping == job.mapping


def test_the_preview_page_costs_the_same_queries_for_3_or_60_rows(client, charge_mission):
    client.force_login(charge_mission)
    client.get(reverse("imports:start"))  # the session's first page fills the site's caches
    counts = []
    for size in (3, 60):
        rows = structure_rows(*[[f"Structure {i}", "", "", "culture", "59"] for i in range(size)])
        services.start(by=charge_mission, kind_code="structures", upload=upload(xlsx_bytes(rows)))
        job = ImportJob.objects.latest("pk")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("imports:preview", args=[job.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_an_entry_edited_between_plan_and_write_fails_the_whole_import(charge_mission):
    known = BeneficiaryStructureFactory(
        name="Ancienne", siret=SIRET_C, sector_id="culture", departement_id="59", employees=1,
    )
    kind = KINDS["structures"]
    rows = [["Nouvelle", "", "", "culture", "59"], ["Ancienne", SIRET_C, "", "culture", "59", 4]]
    mapping = services.propose_mapping(kind, structure_rows()[0], charge_mission)
    plan = planning.plan(kind, [r + [None] * (6 - len(r)) for r in rows], mapping,
                         charge_mission)
    assert plan.rows[1].action == "update"
    known.employees = 2
    known.save()  # someone saves the edit form meanwhile
    with pytest.raises(ValueError, match="ligne 3 : « Ancienne » a été modifiée"):
        planning.apply(kind, plan)
    known.refresh_from_db()
    assert known.employees == 2
