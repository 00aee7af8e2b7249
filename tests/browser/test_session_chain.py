"""Issue 17's chain, end to end in Chromium: the chargée de mission plans a session and
invites a structure; its representative answers in the app; the intervenant records the
attendance; the IC is closed; the structure fills in its N questionnaire. Each step is the
one its own browser test walks (test_meetings.py, test_followup.py)."""

import pytest
from django.core import mail

from cycle.models import Project
from cycle.states import State
from followup.models import Questionnaire
from meetings.models import Attendee
from tests.browser.casewalk import Submissions
from tests.browser.test_followup import assert_n_answered, close_ic, fill_in_n
from tests.browser.test_meetings import (
    answer_invitation,
    committed_structure_and_firm,
    plan_session,
    record_attendance,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_invite_answer_attend_close_and_answer_n(
    page, login, live_server, project, artifacts
):
    structure, rep = committed_structure_and_firm(project)
    counter = Submissions().watch(page.context)

    counter.step("séance planifiée")
    plan_session(page, login, live_server, project, artifacts)
    counter.step("invitations envoyées")
    page.get_by_test_id("meeting-invite").click()
    page.get_by_text("1 invitation(s) envoyée(s).").wait_for()
    [invitation_mail] = mail.outbox
    assert invitation_mail.to == [rep.email]

    counter.step("réponse de la structure")
    invitation = answer_invitation(page, login, live_server, project, structure)
    counter.step("présences")
    record_attendance(page, login, live_server, invitation.meeting_id, artifacts)

    counter.step("clôture")
    close_ic(page, login, live_server, project)
    assert Project.objects.get(pk=project.pk).state == State.CLOSED
    participation = invitation.structure.participations.get(project=project)
    assert Questionnaire.objects.filter(participation=participation).count() == 3

    counter.step("questionnaire N")
    fill_in_n(page, login, live_server, project, "asso", artifacts)
    assert_n_answered(participation, rep)
    # the session's record outlives the closing
    assert Attendee.objects.filter(meeting=invitation.meeting, present=True).count() == 1
    assert counter.admin_hits == [] and counter.failures == [], counter.report()
    assert counter.submissions == 7  # plan, invite, answer, attendance, close, N twice
