"""An IC whose bundle must hold some things and not others: an issued cahier des charges, a
call with a sealed offer, a team-only and a shared document, a team-only and a shared
message (each with its attachment), a chosen firm and a committed structure."""

import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from pypdf import PdfWriter

from accounts.models import Role
from audit.models import AuditBundle
from audit.tasks import build_audit_bundle
from cycle.audiences import Visibility
from cycle.models import ProjectPrestataire, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from exchange import services as exchange
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory
from tests.dossier.factories import DocumentFactory
from tests.tenders.conftest import after_deadline as after_deadline_of
from tests.tenders.conftest import (  # noqa: F401  (fixtures)
    alpha,
    alpha_user,
    beta,
    beta_user,
    issued,
    open_call,
    submit,
)

__all__ = ["after_deadline_of", "submit"]


def pdf(marker: str) -> bytes:
    """A small real PDF carrying ``marker`` (to find which file went where)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": marker})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name: str, marker: str):
    return SimpleUploadedFile(name, pdf(marker), "application/pdf")


@dataclass
class Case:
    project: object
    call: object
    users: dict


def add_document(project, title, visibility):
    return DocumentFactory(
        project=project, title=title, visibility=visibility,
        upload=upload(f"{title}.pdf", title),
    )


def add_thread(project, by, subject, visibility):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return exchange.open_thread(
            by=by, project=project, subject=subject, body=f"Corps {subject}",
            visibility=visibility, files=[upload(f"{subject}.pdf", subject)],
        )


@pytest.fixture
def case(request, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    call = request.getfixturevalue("open_call")
    fixture = request.getfixturevalue
    chosen, candidate = fixture("alpha_user"), fixture("beta_user")
    project = call.project
    submit(call, candidate)  # sealed until the deadline: nobody's
    ProjectPrestataire.objects.create(project=project, prestataire=fixture("alpha"))  # chosen
    structure_user = make_user("nora", Role.STRUCTURE)
    structure = BeneficiaryStructureFactory()
    ProjectStructure.objects.create(
        project=project, structure=structure, status=ParticipationStatus.COMMITTED
    )
    StructureContact.objects.create(structure=structure, user=structure_user)
    add_document(project, "note-equipe", Visibility.TEAM)
    add_document(project, "convention-partagee", Visibility.ALL)
    add_thread(project, charge_mission, "fil-equipe", Visibility.TEAM)
    add_thread(project, charge_mission, "fil-tous", Visibility.ALL)
    users = {
        "pilot": charge_mission, "other_cm": other_charge_mission, "c2ra": c2ra_staff,
        "admin": admin_user, "chosen": chosen, "candidate": candidate,
        "structure": structure_user,
    }
    return Case(project, call, users)


def build(project, user) -> AuditBundle:
    """The bundle ``user`` would receive, built by the task itself (inline)."""
    bundle = AuditBundle.objects.create(project=project, requested_by=user)
    build_audit_bundle.call(bundle.pk)
    bundle.refresh_from_db()
    return bundle
