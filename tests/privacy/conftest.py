"""A closed IC (the follow-up's world) full of personal data, ended ``ENDED_ON``; another
IC still running. ``expired_day`` is after its retention, ``kept_day`` the last day of it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cycle.models import BudgetTranche, Committee, CommitteeMember
from cycle.vocabulary import CommitteeKind
from exchange import services as exchange
from exchange.models import Attachment
from followup.models import Questionnaire
from meetings.models import Attendee
from tests.exchange.factories import pdf_bytes
from tests.followup.conftest import close, world  # noqa: F401  (a fixture)
from tests.meetings.conftest import plan
from workflows.models import TransitionLog

ENDED_ON = datetime.datetime(2026, 3, 15, 12, tzinfo=datetime.UTC)
KEPT_DAY = datetime.date(2030, 12, 31)  # 3 years from 31/12/2027 (N+1)
EXPIRED_DAY = datetime.date(2031, 1, 1)
NAMES = ("Nora Belkacem", "Sami Ouali", "nora@asso-a.fr", "06 12 34 56 78")


@dataclass
class Ended:
    world: object
    project: object
    attachment: object


def _fill(ic):
    project, users = ic.project, ic.users
    thread = exchange.open_thread(
        by=users["cm"], project=project, subject="Rendez-vous avec Nora Belkacem",
        body="Appeler Nora Belkacem au 06 12 34 56 78", visibility="all",
        files=[SimpleUploadedFile("cr-nora.pdf", pdf_bytes(), content_type="application/pdf")],
    )
    exchange.post_message(by=users["structure"], thread=thread, body="Écrivez à nora@asso-a.fr",
                          visibility="all")
    exchange.write_note(by=users["cm"], project=project, body="Sami Ouali hésite")
    session = plan(project, invited={})
    for slot, name in enumerate(("Nora Belkacem", "Sami Ouali")):
        Attendee.objects.create(meeting=session, structure=ic.participations["a"].structure,
                                slot=slot, name=name, present=True, recorded_by=users["cm"])
    committee = Committee.objects.create(project=project, kind=CommitteeKind.APPUI)
    CommitteeMember.objects.create(committee=committee, person="Sami Ouali", function="Président")
    BudgetTranche.objects.create(project=project, label="Tranche 1", amount=Decimal("12500.50"),
                                 days=Decimal("10"))
    return Attachment.objects.get(message__thread=thread)


def _answer(ic):
    for questionnaire in Questionnaire.objects.filter(participation__project=ic.project):
        questionnaire.answers = {"jobs_fte": "3.5", "volunteers": 12,
                                 "comment": "Merci à Nora Belkacem"}
        questionnaire.save()


@pytest.fixture
def ended(world, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):  # the upload lands on commit
        attachment = _fill(world)
    close(world.project, world.users["cm"])
    TransitionLog.objects.filter(project=world.project, target="cloturee").update(at=ENDED_ON)
    world.project.refresh_from_db()
    _answer(world)
    return Ended(world, world.project, attachment)
