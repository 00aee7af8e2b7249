"""A withdrawn consent to be named anonymises the monographs issued after it; a carnet issued
before stays as issued (cycle.services.withdraw_consent, cited by the register)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cycle import services as cycle
from cycle.models import Project
from cycle.vocabulary import ParticipationStatus
from dla_ic.pdf import html_to_pdf
from monographs import services
from monographs.carnet import carnet_path
from monographs.documents import monograph_html
from monographs.tasks import build_carnet
from tests.monographs.test_monograph import flat, pdf_pages

TITLE = "Éclairage fiscal des recycleries et ressourceries"


@pytest.fixture
def named(db):
    call_command("load_demo", stdout=io.StringIO())
    project = Project.objects.get(title=TITLE)
    participation = project.participations.filter(
        status=ParticipationStatus.COMMITTED
    ).select_related("structure").first()
    admin = get_user_model().objects.get(username="admin")
    cycle.record_consent(participation, by=admin)
    return project, participation, admin


def test_a_withdrawn_consent_anonymises_later_monographs_only(named):
    project, participation, admin = named
    name = flat(participation.structure.name)
    carnet = services.request_carnet(by=admin, title="Carnet", projects=[project])
    build_carnet.call(carnet.pk)
    carnet.refresh_from_db()
    issued = carnet_path(carnet).read_bytes()
    assert name in " ".join(pdf_pages(issued))

    participation.refresh_from_db()
    cycle.withdraw_consent(participation, by=admin)

    assert name not in " ".join(pdf_pages(html_to_pdf(monograph_html(project))))
    assert carnet_path(carnet).read_bytes() == issued
