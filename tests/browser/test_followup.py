"""The IC closes in the browser; its structure's representative signs in, finds its N
questionnaire in the « Espace structure », types French numbers (one wrong first) and sends.
The steps are reused by the whole chain (test_session_chain.py)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from cycle.states import State
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact
from followup.models import Questionnaire
from followup.vocabulary import Channel
from tests.conftest import make_user
from tests.cycle.factories import CapitalisationItemFactory, ParticipationFactory, set_state
from tests.directory.factories import BeneficiaryStructureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def close_ic(page, login, live_server, project):
    """The IC placed in capitalisation with one item, then closed by ``cm`` in the page."""
    set_state(project, State.CAPITALISATION)
    CapitalisationItemFactory(project=project)
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    page.get_by_role("button", name=re.compile("^Passer à ")).click()
    expect(page.get_by_test_id("project-state")).to_have_text("Clôturée")


def fill_in_n(page, login, live_server, project, username, artifacts):
    """``username`` answers its N questionnaire, a wrong number first."""
    login(page, username)
    page.goto(f"{live_server.url}/projets/{project.pk}/espace-structure/")
    page.get_by_test_id("answer-N").click()
    page.get_by_label("Emplois salariés (ETP)").fill("trois")
    page.get_by_label("Budget annuel").fill("125 000 €")
    page.get_by_label("En partie").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Saisissez un nombre, par exemple 3,5.")).to_be_visible()
    expect(page.get_by_label("Budget annuel")).to_have_value("125 000 €")  # kept
    page.get_by_label("Emplois salariés (ETP)").fill("3,5")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Merci : le questionnaire est enregistré.")).to_be_visible()
    page.screenshot(path=artifacts / "followup-answered.png", full_page=True)


def assert_n_answered(participation, rep):
    q = Questionnaire.objects.get(participation=participation, year=0)
    assert q.answers["jobs_fte"] == "3.5" and q.answers["annual_budget"] == "125000"
    assert (q.channel, q.answered_by) == (Channel.APP, rep)


def test_the_ic_closes_and_the_structure_fills_in_its_n_questionnaire(
    page, login, live_server, project, artifacts
):
    participation = ParticipationFactory(
        project=project, structure=BeneficiaryStructureFactory(name="Association Lumière"),
        status=ParticipationStatus.COMMITTED,
    )
    rep = make_user("nora", Role.STRUCTURE)
    StructureContact.objects.create(structure=participation.structure, user=rep)

    close_ic(page, login, live_server, project)
    assert Questionnaire.objects.filter(participation=participation).count() == 3

    fill_in_n(page, login, live_server, project, "nora", artifacts)
    assert_n_answered(participation, rep)
