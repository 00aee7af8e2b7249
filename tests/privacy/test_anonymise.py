"""anonymise_expired: names gone, figures kept, idempotent, never within the retention."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from cycle import services as cycle
from cycle.models import BudgetTranche, CommitteeMember, ProjectStructure
from directory.models import Intervenant
from exchange import uploads
from exchange.models import Attachment, Message, Note, Thread
from followup.models import Questionnaire
from meetings.models import Attendee
from notifications.models import Notification
from privacy import anonymise, retention
from privacy.models import AnonymisationLog
from workflows.models import TransitionLog

from .conftest import ENDED_ON, EXPIRED_DAY, KEPT_DAY, NAMES


def dump(project) -> str:
    """Every row of the IC's personal data, as text."""
    rows = [
        *Thread.objects.filter(project=project), *Message.objects.filter(thread__project=project),
        *Note.objects.filter(project=project), *Attendee.objects.filter(meeting__project=project),
        *CommitteeMember.objects.filter(committee__project=project),
        *Attachment.objects.filter(message__thread__project=project),
        *Questionnaire.objects.filter(participation__project=project),
        *ProjectStructure.objects.filter(project=project),
    ]
    return serializers.serialize("json", rows, ensure_ascii=False)


def skeleton(project) -> dict:
    """What the statistics read: counts, amounts, numeric answers, types, dates."""
    return {
        "messages": Message.objects.filter(thread__project=project).count(),
        "attendees": Attendee.objects.filter(meeting__project=project, present=True).count(),
        "amounts": list(BudgetTranche.objects.filter(project=project).values_list("amount", "days")),
        "answers": sorted(
            (q.answers.get("jobs_fte"), q.answers.get("volunteers"))
            for q in Questionnaire.objects.filter(participation__project=project)
        ),
        "attachments": list(Attachment.objects.filter(message__thread__project=project)
                            .values_list("kind", "size")),
        "participations": list(ProjectStructure.objects.filter(project=project)
                               .values_list("status", flat=True).order_by("pk")),
        "ic": (project.ic_type, project.state, project.launched_on),
    }


def test_the_retention_ends_three_years_after_31_december_of_n_plus_1(ended):
    assert retention.project_end(ended.project) == KEPT_DAY


def test_the_years_and_reference_come_from_the_settings(ended, settings):
    settings.PRIVACY_RETENTION_YEARS = 5
    settings.PRIVACY_RETENTION_REFERENCE_OFFSET = 0
    assert retention.project_end(ended.project).isoformat() == "2031-12-31"


def test_names_go_and_figures_stay(ended):
    project = ended.project
    before = skeleton(project)
    assert all(name in dump(project) for name in NAMES)
    path = uploads.stored_path(ended.attachment.file_name)
    assert path.exists()

    done = anonymise.run(today=EXPIRED_DAY)

    assert done["ics"] > 0
    text = dump(project)
    assert [name for name in NAMES if name in text] == []
    assert "Déménagement" not in text  # a withdrawal reason, in its history too
    reasons = ProjectStructure.history.filter(project=project).values_list("withdrawal_reason")
    assert ("Déménagement",) not in list(reasons)
    assert not path.exists()
    project.refresh_from_db()
    assert skeleton(project) == before
    log = AnonymisationLog.objects.get(action="ic", object_id=project.pk)
    assert log.count == done["ics"] and log.details["exchange.Message.body"] == 2


def test_a_second_run_changes_nothing_and_logs_nothing(ended):
    anonymise.run(today=EXPIRED_DAY)
    first = dump(ended.project), AnonymisationLog.objects.count()

    done = anonymise.run(today=EXPIRED_DAY)

    assert done == dict.fromkeys(done, 0)
    assert (dump(ended.project), AnonymisationLog.objects.count()) == first


@pytest.mark.parametrize("day", [KEPT_DAY, KEPT_DAY - timedelta(days=400)])
def test_an_ic_within_its_retention_is_never_touched(ended, day):
    before = dump(ended.project)

    anonymise.run(today=day)

    assert dump(ended.project) == before
    assert not AnonymisationLog.objects.exists()


def test_an_abandoned_ic_is_kept_from_its_abandonment_then_anonymised(ended):
    other, by = ended.world.other_project, ended.world.users["other_cm"]
    cycle.abandon(other, by=by, reason="Départ de Nora Belkacem")
    TransitionLog.objects.filter(project=other, target="abandonnee").update(at=ENDED_ON)
    other.refresh_from_db()
    assert retention.project_end(other) == KEPT_DAY

    anonymise.run(today=KEPT_DAY)
    assert TransitionLog.objects.filter(project=other, comment__contains="Nora").exists()
    anonymise.run(today=EXPIRED_DAY)

    other.refresh_from_db()
    assert "Nora" not in other.closing_reason
    assert not TransitionLog.objects.filter(project=other, comment__contains="Nora").exists()
    assert other.history.filter(closing_reason__contains="Nora").count() == 0


def test_a_running_ic_is_never_touched(ended):
    other = ended.world.other_project
    Thread.objects.create(project=other, subject="Avec Nora Belkacem",
                          created_by=ended.world.users["other_cm"])

    anonymise.run(today=EXPIRED_DAY.replace(year=2099))

    assert Thread.objects.get(project=other).subject == "Avec Nora Belkacem"


def test_the_pilots_are_warned_once_30_days_before(ended):
    cm = ended.world.users["cm"]
    kind = Notification.objects.filter(recipient=cm, kind="retention_ending")

    assert anonymise.run(today=KEPT_DAY - timedelta(days=31))["warned"] == 0
    assert anonymise.run(today=KEPT_DAY - timedelta(days=30))["warned"] >= 1
    anonymise.run(today=KEPT_DAY - timedelta(days=2))

    (notice,) = kind
    assert "sera anonymisée après le 31 décembre 2030" in notice.title
    assert not kind.filter(recipient=ended.world.users["structure"]).exists()


def test_a_withdrawn_contact_is_anonymised_once_its_ics_are_past(ended):
    contact = ended.world.users["second"].structure_contact
    contact.withdrawn_at = timezone.now()
    contact.save()

    anonymise.run(today=KEPT_DAY)
    assert get_user_model().objects.get(pk=contact.user_id).username == "sami"
    anonymise.run(today=EXPIRED_DAY)

    user = get_user_model().objects.get(pk=contact.user_id)
    assert (user.username, user.email, user.is_active) == (f"anonyme-{user.pk}", "", False)
    # ``nora`` still speaks for her structure: kept.
    assert get_user_model().objects.get(username="nora").is_active


def test_an_intervenant_is_anonymised_once_idle_and_its_ics_past(ended):
    ines = ended.world.users["intervenant"]

    anonymise.run(today=EXPIRED_DAY)
    assert Intervenant.objects.get(user=ines).last_name == "A"  # still signs in

    get_user_model().objects.filter(pk=ines.pk).update(is_active=False)
    anonymise.run(today=EXPIRED_DAY)

    intervenant = Intervenant.objects.get(pk=ines.intervenant.pk)
    assert (intervenant.first_name, intervenant.last_name) == ("[anonymisé]", "")
    assert get_user_model().objects.get(pk=ines.pk).username == f"anonyme-{ines.pk}"


def test_inactive_accounts_are_disabled_once_and_logged(ended, settings):
    users = get_user_model().objects
    old = timezone.now() - timedelta(days=400)
    users.filter(username="sami").update(last_login=old)
    users.filter(username="omar").update(last_login=None, date_joined=old)
    users.filter(username="nora").update(last_login=timezone.now() - timedelta(days=300))

    assert anonymise.disable_inactive_accounts() == 2
    assert anonymise.disable_inactive_accounts() == 0

    assert set(users.filter(is_active=False).values_list("username", flat=True)) == {
        "sami", "omar"}
    assert AnonymisationLog.objects.filter(action="accounts").get().count == 2


def test_the_command_speaks_french(ended):
    out = io.StringIO()
    call_command("anonymise_expired", stdout=out)
    assert "Valeurs anonymisées" in out.getvalue()
