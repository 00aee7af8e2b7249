"""Handing the grille in tells the IC's chargés de mission, once each, after the commit (a
notification, mailed at once by default); a refused or other step tells nobody."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.conftest import make_user

from .conftest import complete_grille


def fire(client, project, name, comment=""):
    return client.post(
        reverse("grille:transition", kwargs={"project_pk": project.pk}),
        {"name": name, "comment": comment},
    )


@pytest.fixture
def pilots(charge_mission, dla, other_charge_mission):
    colleague = make_user("cm-b", Role.CHARGE_MISSION, dla, email="bruno@dla-nord.example.org")
    make_user("cm-gone", Role.CHARGE_MISSION, dla, email="parti@dla-nord.example.org",
              is_active=False)
    charge_mission.email = "claire@dla-nord.example.org"
    charge_mission.save()
    other_charge_mission.email = "autre@dla-sud.example.org"
    other_charge_mission.save()
    return sorted([charge_mission.email, colleague.email])


def test_handing_in_mails_the_pilots_once_after_the_commit(
    complete_ic, grille, intervenant, client_of, pilots, mailoutbox,
    django_capture_on_commit_callbacks,
):
    complete_grille(grille)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert fire(client_of(intervenant), complete_ic, "submit").status_code == 302

    assert len(callbacks) == 1
    assert sorted(to for mail in mailoutbox for to in mail.to) == pilots
    for mail in mailoutbox:
        assert len(mail.to) == 1  # one mail each: a pilot never sees the others' addresses
        assert complete_ic.title in mail.subject
        assert "remise par" in mail.body
        assert f"/grilles/{complete_ic.pk}/" in mail.body and mail.body.count("http://") == 1


def test_a_refused_hand_in_mails_nobody(
    complete_ic, grille, intervenant, client_of, pilots, mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        fire(client_of(intervenant), complete_ic, "submit")  # the grille is still empty

    assert mailoutbox == []


def test_the_review_steps_mail_nobody(
    complete_ic, grille, intervenant, charge_mission, client_of, pilots, mailoutbox,
    django_capture_on_commit_callbacks,
):
    complete_grille(grille)
    fire(client_of(intervenant), complete_ic, "submit")  # callbacks not run: no mail
    with django_capture_on_commit_callbacks(execute=True):
        fire(client_of(charge_mission), complete_ic, "validate")

    assert mailoutbox == []
