"""A call's deadlines in the agenda: the pilots' (where the call is managed) and each
invited firm's (where it answers), never another firm's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from agenda.selectors import open_tasks
from tenders.models import CallForTender
from tenders.vocabulary import CallState
from tests.conftest import make_user
from tests.directory.factories import IntervenantFactory, PrestataireFactory

pytestmark = pytest.mark.django_db


def test_the_pilots_see_both_deadlines_where_the_call_is_managed(open_call, charge_mission):
    tasks = open_tasks(user=charge_mission)

    manage = reverse("tenders:call_manage", kwargs={"project_pk": open_call.project_id})
    assert [t.due_on for t in tasks] == [
        timezone.localdate(open_call.intent_deadline),
        timezone.localdate(open_call.reply_deadline),
    ]
    assert {t.url for t in tasks} == {manage}


def test_an_invited_firm_sees_them_where_it_answers(open_call, alpha_user, beta_user):
    answer = reverse("tenders:invitation_detail", kwargs={"call_pk": open_call.pk})
    for user in (alpha_user, beta_user):
        tasks = open_tasks(user=user)
        assert len(tasks) == 2 and {t.url for t in tasks} == {answer}


def test_a_firm_not_invited_sees_nothing(open_call):
    stranger = make_user("interv3", Role.INTERVENANT)
    IntervenantFactory(prestataire=PrestataireFactory(name="Gamma"), user=stranger)

    assert open_tasks(user=stranger) == []


def test_a_cancelled_call_has_no_deadline_left(open_call, charge_mission, alpha_user):
    CallForTender.objects.filter(pk=open_call.pk).update(state=CallState.CANCELLED)

    assert open_tasks(user=charge_mission) == [] and open_tasks(user=alpha_user) == []
