"""The demo's due dates: claire, paul and intervenant find overdue and upcoming tasks,
sophie an « IC dormante »; a second run changes none of them."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from agenda.selectors import bucketed, open_tasks
from cycle.models import ChecklistItem
from cycle.selectors import dormant_projects
from grille.models import Grille

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())


def dated():
    return (
        list(
            ChecklistItem.objects.filter(due_on__isnull=False).values_list(
                "pk", "due_on", "assignee_id", "version"
            )
        ),
        list(Grille.objects.values_list("pk", "expected_return_on", "version")),
    )


@pytest.mark.parametrize("username", ["claire", "paul", "intervenant"])
def test_each_has_overdue_and_upcoming_tasks(demo, username):
    buckets = {
        code: items
        for code, _label, items in bucketed(open_tasks(user=User.objects.get(username=username)))
    }

    assert buckets["overdue"]
    assert buckets["today"] + buckets["week"] + buckets["later"]


def test_sophie_sees_a_dormant_ic(demo):
    assert dormant_projects(User.objects.get(username="sophie")).exists()


def test_a_second_run_dates_nothing_again(demo):
    before = dated()

    call_command("load_demo", stdout=StringIO())

    assert dated() == before
