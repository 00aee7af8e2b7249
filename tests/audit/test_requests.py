"""Asking for a bundle: once while it is built, built once, downloaded by its requester only,
in a number of queries that does not grow with its files."""

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from audit import services
from audit.bundle import bundle_path
from audit.models import AuditBundle, BundleStatus
from audit.tasks import build_audit_bundle
from cycle.audiences import Visibility

from .conftest import add_document, add_thread, build


def test_asking_twice_while_it_is_built_queues_it_once(case):
    pilot = case.users["pilot"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        first, new = services.request_bundle(project=case.project, by=pilot)
    with TestCase.captureOnCommitCallbacks(execute=True):
        again, new_again = services.request_bundle(project=case.project, by=pilot)
    assert (new, new_again) == (True, False)
    assert again.pk == first.pk
    assert AuditBundle.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    # someone else of the team asks for his own
    with TestCase.captureOnCommitCallbacks(execute=True):
        other, new_other = services.request_bundle(project=case.project, by=case.users["c2ra"])
    assert new_other and other.pk != first.pk
    assert DBTaskResult.objects.count() == 2


def test_the_task_run_twice_builds_once(case):
    bundle = build(case.project, case.users["pilot"])
    content = bundle_path(bundle).read_bytes()
    assert build_audit_bundle.call(bundle.pk) is False
    bundle.refresh_from_db()
    assert bundle.status == BundleStatus.DONE
    assert bundle_path(bundle).read_bytes() == content
    assert len(list(bundle_path(bundle).parent.iterdir())) == 1


def test_once_built_it_may_be_asked_again(case):
    pilot = case.users["pilot"]
    build(case.project, pilot)
    with TestCase.captureOnCommitCallbacks(execute=True):
        _bundle, new = services.request_bundle(project=case.project, by=pilot)
    assert new


def test_a_failed_build_is_recorded_and_may_be_asked_again(case, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disque plein")

    monkeypatch.setattr("audit.tasks.write_bundle", broken)
    bundle = AuditBundle.objects.create(project=case.project, requested_by=case.users["pilot"])
    with pytest.raises(OSError):
        build_audit_bundle.call(bundle.pk)
    bundle.refresh_from_db()
    assert (bundle.status, bundle.error) == (BundleStatus.FAILED, "disque plein")
    assert bundle.may_retry
    _again, new = services.request_bundle(project=case.project, by=case.users["pilot"])
    assert new


def _queries_to_build(project, user) -> int:
    bundle = AuditBundle.objects.create(project=project, requested_by=user)
    with CaptureQueriesContext(connection) as queries:
        build_audit_bundle.call(bundle.pk)
    bundle.refresh_from_db()
    assert bundle.status == BundleStatus.DONE
    return len(queries)


def test_queries_do_not_grow_with_the_files(case):
    pilot = case.users["pilot"]
    before = _queries_to_build(case.project, pilot)
    for n in range(3):
        add_document(case.project, f"piece-{n}", Visibility.TEAM)
        add_thread(case.project, pilot, f"fil-{n}", Visibility.ALL)
    assert _queries_to_build(case.project, pilot) == before


def test_the_requester_follows_and_downloads_it_nobody_else(client, case):
    pilot = case.users["pilot"]
    client.force_login(pilot)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("audit:request", args=[case.project.pk]))
    bundle = AuditBundle.objects.get()
    assert response.url == reverse("audit:detail", args=[bundle.pk])
    page = client.get(response.url)
    assert "hx-get=\"/dossiers-d-audit/" in page.content.decode()  # queued: asks again
    build_audit_bundle.call(bundle.pk)
    bundle.refresh_from_db()
    page = client.get(reverse("audit:detail", args=[bundle.pk])).content.decode()
    assert reverse("audit:download", args=[bundle.pk]) in page
    assert "hx-get=\"/dossiers-d-audit/" not in page
    download = client.get(reverse("audit:download", args=[bundle.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert b"".join(download.streaming_content) == bundle_path(bundle).read_bytes()
    for role in ("c2ra", "admin", "other_cm"):
        client.force_login(case.users[role])
        assert client.get(reverse("audit:download", args=[bundle.pk])).status_code == 404
        assert client.get(reverse("audit:detail", args=[bundle.pk])).status_code == 404


BUTTON = {"pilot": True, "c2ra": True, "admin": True, "chosen": False}


@pytest.mark.parametrize("role", sorted(BUTTON))
def test_the_ic_page_shows_the_button_to_its_team(client, case, role):
    client.force_login(case.users[role])
    page = client.get(case.project.get_absolute_url())
    assert page.status_code == 200
    assert ('data-testid="audit-link"' in page.content.decode()) is BUTTON[role]
    assert ("Dossier d&#x27;audit (ZIP)" in page.content.decode()) is BUTTON[role]


def test_progress_is_told_by_quarters(case):
    from audit.bundle import write_bundle

    told = []
    bundle = AuditBundle.objects.create(project=case.project, requested_by=case.users["c2ra"])
    write_bundle(bundle, on_progress=told.append)
    assert told == [25, 50, 75]
    assert build(case.project, case.users["pilot"]).progress == 100
