"""Kind « utilisateurs »: each row becomes an invitation of accounts' own service (the link
to choose a password); admins and C2RA staff only (theirs: their region); an address with an
account or a valid invitation is skipped; run twice, mailed once; all or nothing."""

from html import unescape

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse

from accounts.models import Invitation, Role, User
from imports import planning
from imports.kinds import USERS
from imports.models import ImportJob, JobStatus
from imports.tasks import run_import
from tests.conftest import make_user

from .files import upload, xlsx_bytes

HEADERS = ["Courriel", "Prénom", "Nom", "Rôle", "DLA", "Région"]
CLAIRE = ["claire.dupont@dla-nord.fr", "Claire", "Dupont", "Chargé·e de mission",
          "DLA du Nord", ""]
PAUL = ["paul.lemaire@c2ra-hdf.fr", "Paul", "Lemaire", "Équipe C2RA", "", "Hauts-de-France"]


def users_plan(plan_of, user, *rows):
    return plan_of([HEADERS, *rows], user, kind="utilisateurs")


def _import(client, user, rows, capture):
    client.force_login(user)
    response = client.post(reverse("imports:start"), {
        "kind": "utilisateurs", "file": upload(xlsx_bytes([HEADERS, *rows]), "equipe.xlsx")})
    assert response.status_code == 302, response.context["form"].errors
    job = ImportJob.objects.latest("pk")
    with capture(execute=True):
        assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    with capture(execute=True):  # the mails leave at the import's commit
        run_import.call(job.pk)
    job.refresh_from_db()
    return job


def test_an_admin_invites_a_dla_and_a_c2ra_team(client, admin_user, dla, c2ra,
                                                django_capture_on_commit_callbacks):
    job = _import(client, admin_user, [CLAIRE, PAUL], django_capture_on_commit_callbacks)
    assert job.status == JobStatus.DONE and job.counts["create"] == 2
    invited = {i.email: (i.role, i.organisation_id) for i in Invitation.objects.all()}
    assert invited == {CLAIRE[0]: (Role.CHARGE_MISSION, dla.pk), PAUL[0]: (Role.C2RA, c2ra.pk)}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([CLAIRE[0], PAUL[0]])
    link = settings.SITE_URL + reverse("accept_invitation", args=["TOKEN"]).replace("TOKEN/", "")
    assert all(link in message.body for message in mail.outbox)
    # no account before the person chooses a password through the link
    assert not User.objects.filter(email__in=[CLAIRE[0], PAUL[0]]).exists()


def test_the_same_file_twice_mails_nobody_twice(client, admin_user, dla, c2ra,
                                                django_capture_on_commit_callbacks):
    _import(client, admin_user, [CLAIRE, PAUL], django_capture_on_commit_callbacks)
    again = _import(client, admin_user, [CLAIRE, PAUL], django_capture_on_commit_callbacks)
    assert again.counts["skip"] == 2 and again.counts["create"] == 0
    assert len(mail.outbox) == 2 and Invitation.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        run_import.call(again.pk)  # the task run twice: nothing more
    assert len(mail.outbox) == 2


def test_an_existing_account_is_skipped(admin_user, dla, plan_of):
    make_user("claire", Role.CHARGE_MISSION, dla, email="Claire.Dupont@dla-nord.fr")
    plan = users_plan(plan_of, admin_user, CLAIRE)
    assert plan.rows[0].action == planning.Action.SKIP
    assert "Un compte existe déjà" in plan.rows[0].notes[0]


@pytest.mark.parametrize(("row", "header", "message"), [
    (["x@exemple.fr", "X", "Y", "Stagiaire", "DLA du Nord", ""], "Rôle",
     "Rôle inconnu : « Stagiaire »."),
    (["x@exemple.fr", "X", "Y", "Intervenant·e d'un prestataire", "", ""], "Rôle",
     "Ce rôle ne s'importe pas"),
    (["x@exemple.fr", "X", "Y", "Équipe C2RA", "", ""], "Région",
     "Région obligatoire pour l'équipe C2RA."),
    (["x@exemple.fr", "X", "Y", "Équipe C2RA", "", "Nouvelle-Aquitaine"], "Région",
     "Aucun C2RA dans cette région."),
    (["x@exemple.fr", "X", "Y", "Chargé·e de mission", "DLA de Bretagne", ""], "DLA",
     "DLA inconnu : « DLA de Bretagne »."),
    (["x@exemple.fr", "X", "Y", "Chargé·e de mission", "", ""], "DLA",
     "DLA obligatoire pour un·e chargé·e de mission."),
    (["pas-une-adresse", "X", "Y", "Chargé·e de mission", "DLA du Nord", ""], "Courriel",
     "Adresse électronique invalide"),
])
def test_bad_rows_are_explained_beside_their_cell(admin_user, dla, c2ra, plan_of, row, header,
                                                  message):
    plan = users_plan(plan_of, admin_user, row)
    assert plan.rows[0].action == planning.Action.ERROR
    assert message in plan.rows[0].errors[header], plan.rows[0].errors


def test_a_dla_is_found_by_its_departement_too(admin_user, dla, plan_of):
    plan = users_plan(plan_of, admin_user, ["x@exemple.fr", "X", "Y", "Chargé·e de mission",
                                            "59", ""])
    assert plan.rows[0].action == planning.Action.CREATE
    assert plan.rows[0].values["organisation"] == dla


def test_the_same_address_twice_in_the_file_is_refused(admin_user, dla, plan_of):
    plan = users_plan(plan_of, admin_user, CLAIRE, [CLAIRE[0].upper(), *CLAIRE[1:]])
    assert plan.rows[1].action == planning.Action.ERROR


def test_c2ra_staff_invite_in_their_region_only(c2ra_staff, dla, other_dla, plan_of):
    plan = users_plan(
        plan_of, c2ra_staff, CLAIRE, PAUL,
        ["g@exemple.fr", "G", "H", "Chargé·e de mission", "DLA de la Gironde", ""],
    )
    assert [row.action for row in plan.rows] == [
        planning.Action.CREATE, planning.Action.CREATE, planning.Action.ERROR]
    assert "Hors de votre territoire" in plan.rows[2].errors["Utilisateurs (invitations)"]


def test_chargés_de_mission_cannot_import_users(client, charge_mission):
    client.force_login(charge_mission)
    response = client.post(reverse("imports:start"), {
        "kind": "utilisateurs", "file": upload(xlsx_bytes([HEADERS, CLAIRE]))})
    assert "Sélectionnez un choix valide" in unescape(response.content.decode())
    assert client.get(reverse("imports:template", args=["utilisateurs"])).status_code == 403
    assert not charge_mission.has_perm("imports.import_kind", USERS)


def test_a_refused_invitation_mid_import_sends_nothing(admin_user, dla, c2ra, plan_of,
                                                       django_capture_on_commit_callbacks):
    plan = users_plan(plan_of, admin_user, CLAIRE, PAUL)
    make_user("paul", Role.C2RA, c2ra, email=PAUL[0])  # created after the preview
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValueError) as raised:
        with transaction.atomic():
            planning.apply(USERS, plan)
    assert "ligne 3" in str(raised.value)
    assert not Invitation.objects.exists() and not mail.outbox
