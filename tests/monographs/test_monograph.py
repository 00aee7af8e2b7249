"""Monographs of the four seed cases, in the seed's layout, anonymised; the carnet and its task."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cycle.models import Project
from cycle.vocabulary import ParticipationStatus
from dla_ic.pdf import html_to_pdf
from grille.models import GrilleStatus
from monographs import services
from monographs.carnet import carnet_path
from monographs.documents import monograph_html
from monographs.models import Carnet, CarnetStatus
from monographs.tasks import build_carnet

SEED = {
    "Pérenniser des emplois « environnement »": ("14 800,00 €", "15 j"),
    "Éclairage fiscal des recycleries et ressourceries": ("11 302,00 €", "9,5 j"),
    "Consolider et pérenniser l'offre d'insertion sur un territoire": ("20 100,00 €", "21 j"),
    "Pérenniser un réseau départemental environnement et patrimoine": ("23 824,32 €", "24 j"),
}
HEADINGS = [
    "Présentation de l'ingénierie collective",
    "Bénéficiaires concernés",
    "Problématique",
    "Moyens mobilisés",
    "Construction partenariale",
    "Descriptif des actions réalisées",
    "Contenus abordés",
    "Méthode et déroulement de l'accompagnement",
    "Nombre de journées",
    "Éléments d'évaluation",
    "Points positifs",
    "Points de vigilance",
]


def flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").replace("’", "'").split())


def pdf_pages(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def seeded(db):
    call_command("load_demo", stdout=io.StringIO())
    return {p.title: p for p in Project.objects.filter(title__in=SEED)}


def test_each_seed_monograph_holds_its_case(seeded):
    assert set(seeded) == set(SEED)
    for title, (cost, days) in SEED.items():
        project = seeded[title]
        grille = project.grille
        text = " ".join(pdf_pages(html_to_pdf(monograph_html(project))))

        assert f"MONOGRAPHIE : {flat(title).upper()}" in text
        assert flat(grille.type_wording or project.get_ic_type_display()) in text
        assert cost in text, title
        assert days in text, title
        for phase in grille.phases.all():
            assert flat(phase.title) in text, (title, phase.title)
        assert flat(grille.strengths)[:60] in text
        assert flat(grille.watchpoints)[:60] in text
        positions = [text.find(heading) for heading in HEADINGS]
        assert -1 not in positions, [h for h, p in zip(HEADINGS, positions, strict=True) if p < 0]
        assert positions == sorted(positions), title
        assert "BROUILLON" not in text
        for participation in project.participations.select_related("structure"):
            assert flat(participation.structure.name) not in text, participation.structure.name


def test_a_structure_is_named_only_with_its_consent(seeded):
    project = seeded["Éclairage fiscal des recycleries et ressourceries"]
    participation = project.participations.filter(status=ParticipationStatus.COMMITTED).first()
    participation.publication_consent = True
    participation.save()

    text = " ".join(pdf_pages(html_to_pdf(monograph_html(project))))

    assert flat(participation.structure.name) in text


def test_draft_grille_renders_with_a_watermark(seeded):
    project = seeded["Éclairage fiscal des recycleries et ressourceries"]
    project.grille.__class__.objects.filter(pk=project.grille.pk).update(status=GrilleStatus.DRAFT)
    assert "BROUILLON" in " ".join(pdf_pages(html_to_pdf(monograph_html(project))))


def test_monograph_pages_and_permissions(client, seeded, django_user_model):
    project = seeded["Pérenniser des emplois « environnement »"]
    sophie = django_user_model.objects.get(username="sophie")  # C2RA of the case's region
    client.force_login(sophie)
    assert client.get(reverse("monographs:monograph_detail", args=[project.pk])).status_code == 200
    response = client.get(reverse("monographs:monograph_pdf", args=[project.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="monographie-perenniser-des-emplois-environnement.pdf"' in response[
        "Content-Disposition"
    ]
    client.force_login(django_user_model.objects.get(username="claire"))  # another DLA
    assert client.get(reverse("monographs:monograph_pdf", args=[project.pk])).status_code == 404


def test_carnet_contents_page_numbers_match(seeded, django_user_model, django_capture_on_commit_callbacks):
    admin = django_user_model.objects.get(username="admin")
    with django_capture_on_commit_callbacks(execute=True):
        carnet = services.request_carnet(by=admin, title="Carnet test", projects=seeded.values())
    carnet.refresh_from_db()
    assert carnet.status == CarnetStatus.QUEUED and carnet.task_id

    build_carnet.call(carnet.pk)

    carnet.refresh_from_db()
    assert (carnet.status, carnet.progress, carnet.error) == (CarnetStatus.DONE, 100, "")
    pdf = carnet_path(carnet).read_bytes()
    pages = pdf_pages(pdf)
    assert carnet.pages == len(pages)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Carnet test"
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    assert set(SEED) <= set(top_level)  # one bookmark per monograph
    assert "Carnet test" in pages[0]
    contents = next(p for p in pages if p.startswith("Carnet test Sommaire") or "Sommaire" in p[:40])
    assert "2 types d'ingénierie collective" in " ".join(pages[:4])
    for title in SEED:
        match = re.search(re.escape(f"Monographie : {flat(title)}") + r" (\d+)", contents)
        assert match, title
        start = int(match.group(1))
        assert f"MONOGRAPHIE : {flat(title).upper()}" in pages[start - 1], (title, start)
        assert f"MONOGRAPHIE : {flat(title).upper()}" not in pages[start - 2]
        assert pages[start - 1].endswith(f" {start}")  # its footer shows the carnet's page


def test_carnet_download_for_its_requester(client, seeded, django_user_model):
    sophie = django_user_model.objects.get(username="sophie")
    case_b = seeded["Pérenniser des emplois « environnement »"]
    carnet = services.request_carnet(by=sophie, title="Carnet HdF", projects=[case_b])
    build_carnet.call(carnet.pk)
    client.force_login(sophie)

    response = client.get(reverse("monographs:carnet_download", args=[carnet.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="carnet-hdf.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_carnet_task_states_failure_and_retry(seeded, django_user_model, monkeypatch):
    admin = django_user_model.objects.get(username="admin")
    carnet = services.request_carnet(by=admin, title="Carnet", projects=seeded.values())
    seen = []

    def failing_build(carnet, on_progress):
        on_progress(40)
        seen.append(Carnet.objects.values_list("status", "progress").get(pk=carnet.pk))
        raise OSError("Disque plein")

    monkeypatch.setattr("monographs.tasks.build_carnet_pdf", failing_build)
    with pytest.raises(OSError):
        build_carnet.call(carnet.pk)

    assert seen == [(CarnetStatus.RUNNING, 40)]
    carnet.refresh_from_db()
    assert (carnet.status, carnet.error) == (CarnetStatus.FAILED, "Disque plein")

    carnet = services.retry_carnet(carnet)
    assert (carnet.status, carnet.progress, carnet.error, carnet.attempts) == (
        CarnetStatus.QUEUED, 0, "", 2,
    )
    with pytest.raises(services.TransitionRefused):
        services.retry_carnet(carnet)


def test_a_silent_worker_counts_as_interrupted_and_can_be_retried(seeded, django_user_model, settings):
    admin = django_user_model.objects.get(username="admin")
    carnet = services.request_carnet(by=admin, title="Carnet", projects=seeded.values())
    Carnet.objects.filter(pk=carnet.pk).update(
        status=CarnetStatus.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS + 1),
    )
    carnet.refresh_from_db()
    assert carnet.is_stale and carnet.shown_status == "Interrompu"
    assert services.retry_carnet(carnet).status == CarnetStatus.QUEUED


def test_carnet_pages_for_c2ra_staff(client, seeded, django_user_model):
    sophie = django_user_model.objects.get(username="sophie")
    client.force_login(sophie)
    form = client.get(reverse("monographs:carnet_create"))
    assert form.status_code == 200
    # Sophie (Hauts-de-France) may publish only case B, the one of her region.
    assert "Pérenniser des emplois" in form.text and "Éclairage fiscal" not in form.text
    case_b = seeded["Pérenniser des emplois « environnement »"]
    response = client.post(
        reverse("monographs:carnet_create"), {"title": "Hauts-de-France", "projects": [case_b.pk]}
    )
    carnet = Carnet.objects.get(title="Hauts-de-France")
    assert response.status_code == 302 and response.url == reverse(
        "monographs:carnet_detail", args=[carnet.pk]
    )
    other = seeded["Éclairage fiscal des recycleries et ressourceries"]
    refused = client.post(
        reverse("monographs:carnet_create"), {"title": "Volé", "projects": [other.pk]}
    )
    assert refused.status_code == 400 and not Carnet.objects.filter(title="Volé").exists()
    client.force_login(django_user_model.objects.get(username="paul"))  # someone else's carnet
    assert client.get(reverse("monographs:carnet_detail", args=[carnet.pk])).status_code == 404
