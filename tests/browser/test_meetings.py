"""A chargée de mission plans a session and invites a structure; its representative answers
from their « Espace structure »; the chosen firm's intervenant records attendance. The
steps are reused by the whole chain (test_session_chain.py)."""

import pytest

from accounts.models import Role
from cycle.models import ProjectPrestataire, ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, Prestataire, StructureContact
from meetings.models import Attendee, Invitation
from meetings.vocabulary import Answer
from tests.conftest import make_user
from tests.directory.factories import BeneficiaryStructureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def committed_structure_and_firm(project):
    """« Association Lumière » committed to the IC, its representative ``asso`` (Nora
    Benali); « Cabinet Alpha » chosen, its intervenant ``ines`` (Inès Alpha)."""
    structure = BeneficiaryStructureFactory(name="Association Lumière")
    ProjectStructure.objects.create(
        project=project, structure=structure, status=ParticipationStatus.COMMITTED
    )
    rep = make_user("asso", Role.STRUCTURE, first_name="Nora", last_name="Benali",
                    email="nora@example.org")
    StructureContact.objects.create(structure=structure, user=rep)
    firm = Prestataire.objects.create(name="Cabinet Alpha")
    Intervenant.objects.create(prestataire=firm, first_name="Inès", last_name="Alpha",
                               user=make_user("ines", Role.INTERVENANT))
    ProjectPrestataire.objects.create(project=project, prestataire=firm)
    return structure, rep


def plan_session(page, login, live_server, project, artifacts):
    """``cm`` plans « Atelier diagnostic », two people of Association Lumière invited."""
    login(page, "cm")
    page.goto(f"{live_server.url}/projets/{project.pk}/")
    page.get_by_test_id("meetings-link").click()
    page.wait_for_url(f"**/seances/ic/{project.pk}/")
    page.screenshot(path=artifacts / "meeting-list.png", full_page=True)
    page.get_by_test_id("meeting-create").click()
    page.get_by_label("Intitulé").fill("Atelier diagnostic")
    page.get_by_label("Sous-phase").select_option(label="Mettre en œuvre l'intervention")
    page.locator("#id_held_on").fill("2030-03-12")  # date and time inputs, labels starred
    page.locator("#id_starts_at").fill("09:30")
    page.locator("#id_ends_at").fill("12:00")
    page.get_by_label("Lieu").fill("Maison des associations")
    page.get_by_label("Association Lumière").fill("2")
    page.get_by_label("Inès Alpha").check()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Séance planifiée.").wait_for()
    page.screenshot(path=artifacts / "meeting-planned.png", full_page=True)


def answer_invitation(page, login, live_server, project, structure) -> Invitation:
    """``asso`` answers from its « Espace structure »: two people come."""
    login(page, "asso")
    page.goto(f"{live_server.url}/projets/{project.pk}/espace-structure/")
    page.get_by_role("link", name="Atelier diagnostic").click()
    page.get_by_label("Nous venons").check()
    page.get_by_label("Combien de personnes ?").fill("2")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    page.get_by_text("Votre réponse est enregistrée.").wait_for()
    invitation = Invitation.objects.get(structure=structure)
    assert (invitation.answer, invitation.attending) == (Answer.YES, 2)
    return invitation


def record_attendance(page, login, live_server, meeting_id, artifacts):
    """``ines`` records Nora present (her name from her account) and Paul Roux absent."""
    login(page, "ines")
    page.goto(f"{live_server.url}/seances/{meeting_id}/")
    page.get_by_test_id("attendance-link").click()
    names = page.get_by_role("textbox", name="Nom")
    assert names.nth(0).input_value() == "Nora Benali"  # from the representative's account
    names.nth(1).fill("Paul Roux")
    page.get_by_label("présent").nth(0).check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    page.get_by_text("Présences enregistrées.").wait_for()
    page.screenshot(path=artifacts / "meeting-attendance.png", full_page=True)
    assert sorted(Attendee.objects.values_list("name", "present")) == [
        ("Nora Benali", True), ("Paul Roux", False)
    ]


def test_plan_answer_and_record_attendance(page, login, live_server, project, artifacts):
    structure, _rep = committed_structure_and_firm(project)
    plan_session(page, login, live_server, project, artifacts)
    invitation = answer_invitation(page, login, live_server, project, structure)
    record_attendance(page, login, live_server, invitation.meeting_id, artifacts)
