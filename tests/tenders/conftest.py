"""A project at « finaliser les modalités » with an issued cahier des charges, two firms."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import Role
from cycle.states import State
from monographs import services as documents
from tenders import services
from tests.conftest import make_user
from tests.cycle.test_guards import bring_to
from tests.directory.factories import IntervenantFactory, PrestataireFactory
from tests.monographs.factories import SpecificationFactory
from tests.tenders.factories import CallForTenderFactory


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings.PRIVATE_ROOT


def pdf_bytes(pages=1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def alpha(db):
    return PrestataireFactory(
        name="Cabinet Alpha", email="contact@alpha.example.org", approved_regions=["32"]
    )


@pytest.fixture
def beta(db):
    return PrestataireFactory(name="Cabinet Beta", email="contact@beta.example.org")


@pytest.fixture
def alpha_user(alpha):
    user = make_user("interv", Role.INTERVENANT, first_name="Inès", last_name="Alpha")
    IntervenantFactory(
        prestataire=alpha, first_name="Inès", last_name="Alpha", user=user,
        email="ines@alpha.example.org",
    )
    return user


@pytest.fixture
def beta_user(beta):
    user = make_user("interv2", Role.INTERVENANT, first_name="Bruno", last_name="Beta")
    IntervenantFactory(prestataire=beta, first_name="Bruno", last_name="Beta", user=user)
    return user


# What the cahier des charges must weigh before it is issued (monographs.services).
TECHNICAL_CONDITIONS = {
    "rhythm": "Une demi-journée par mois", "duration": "6 mois", "period": "Janvier à juin",
    "place": "Lille", "logistics": "Salle prêtée par la DDTEFP",
}


@pytest.fixture
def issued(project, charge_mission):
    """The IC at Confirmer with its cahier des charges issued (criteria: the seed's, 100 %)."""
    bring_to(project, State.MODALITES, charge_mission)
    specification = SpecificationFactory(
        project=project,
        expected_contents="Fiscalité", deliverables="Synthèses", budget_ceiling=Decimal("15000"),
        reply_deadline=timezone.now() + datetime.timedelta(days=10), how_to_answer="En ligne",
        **TECHNICAL_CONDITIONS,
    )
    documents.issue_specification(specification, by=charge_mission)
    project.refresh_from_db()
    return project


@pytest.fixture
def open_call(issued, charge_mission, alpha, beta, alpha_user, beta_user):
    now = timezone.now()
    return CallForTenderFactory(
        project=issued, by=charge_mission, prestataires=[alpha, beta],
        intent_deadline=now + datetime.timedelta(days=3),
        reply_deadline=now + datetime.timedelta(days=10),
        structures_score=True, base_url="https://ic.example.org",
    )


def submit(call, user, *, price="9000.00", now=None, upload=None, method="Ateliers",
           commit=True):
    """Submit an offer as a committed request would (the file is stored on commit)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import TestCase

    firm = user.intervenant.prestataire
    invitation = call.invitations.get(prestataire=firm)
    if upload is None:
        upload = SimpleUploadedFile("offre.pdf", pdf_bytes(), "application/pdf")
    with TestCase.captureOnCommitCallbacks(execute=commit):
        return services.submit_offer(
            invitation, by=user, method=method, price=Decimal(price),
            phases=[{"title": "Diagnostic", "days": Decimal("2")},
                    {"title": "Ateliers", "days": Decimal("4.5")}],
            intervenants=list(firm.intervenants.all()), upload=upload, now=now,
        )


def after_deadline(call):
    return call.reply_deadline + datetime.timedelta(minutes=1)
