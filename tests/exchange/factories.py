"""An IC with every audience of its exchanges, and files of each kind for the uploads."""

import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image
from pypdf import PdfWriter

from accounts.models import Role
from cycle import services as cycle
from cycle.models import ProjectPrestataire, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, Prestataire, StructureContact
from exchange import services
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory


@dataclass
class World:
    project: object
    other_project: object
    users: dict
    participation: object


def build_world(charge_mission, other_charge_mission, c2ra_staff, admin_user) -> World:
    """``project`` (charge_mission's DLA): firm Alpha chosen, firm Beta only on another IC;
    ``structure`` speaks for a structure committed here, ``other_structure`` elsewhere."""
    project = cycle.create_project(by=charge_mission, title="IC des tiers-lieux")
    other_project = cycle.create_project(by=other_charge_mission, title="IC voisine")
    users = {
        "cm": charge_mission,
        "other_cm": other_charge_mission,
        "c2ra": c2ra_staff,
        "admin": admin_user,
        "intervenant": make_user("ines", Role.INTERVENANT),
        "other_intervenant": make_user("bruno", Role.INTERVENANT),
        "structure": make_user("nora", Role.STRUCTURE),
        "other_structure": make_user("omar", Role.STRUCTURE),
    }
    for firm_name, user, ic in (
        ("Cabinet Alpha", users["intervenant"], project),
        ("Cabinet Beta", users["other_intervenant"], other_project),
    ):
        firm = Prestataire.objects.create(name=firm_name)
        Intervenant.objects.create(prestataire=firm, first_name="I", last_name=firm_name, user=user)
        ProjectPrestataire.objects.create(project=ic, prestataire=firm)
    participation = None
    for user, ic in ((users["structure"], project), (users["other_structure"], other_project)):
        structure = BeneficiaryStructureFactory()
        row = ProjectStructure.objects.create(
            project=ic, structure=structure, status=ParticipationStatus.COMMITTED
        )
        participation = participation or row
        StructureContact.objects.create(structure=structure, user=user)
    return World(project, other_project, users, participation)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name="compte-rendu.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)


def post(by, project, visibility, body="Bonjour", subject="Sujet", files=()):
    """Open a thread with one message, its commit's callbacks run (files moved, people told)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        thread = services.open_thread(
            by=by,
            project=project,
            subject=subject,
            body=body,
            visibility=visibility,
            files=files,
        )
    return thread.messages.get()
