"""An IC with a line of every source, each shared with one audience, and every role's reader.

``project`` (charge_mission's DLA): firm Alpha chosen; firm Beta invited to its call, not
chosen (Beta is chosen on ``other_project``); ``structure`` speaks for a structure committed
here, ``other_structure`` for one committed to ``other_project`` only.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from cycle.audiences import Visibility
from cycle.models import Project
from directory.models import Prestataire
from dossier import services as dossier
from exchange import services as exchange
from grille.models import Grille
from tenders.models import CallForTender, Invitation
from tests.dossier.factories import DocumentFactory, pdf_upload
from tests.exchange.factories import build_world, post
from workflows.models import TransitionLog

# Each line's title (or its start) and who of the roles sees it on ``project``.
TEAM = {"cm", "c2ra", "admin"}
PAGE = TEAM | {"intervenant"}
MANAGERS = {"cm", "admin"}
ROLES = ("cm", "other_cm", "c2ra", "admin", "intervenant", "other_intervenant", "structure",
         "other_structure")


@dataclass
class Line:
    kind: str
    title: str
    readers: set


LINES = [
    Line("transition", "Création de l'IC", PAGE),
    Line("edit", "Modifié : intitulé", PAGE),
    Line("tick", "Coché : ", PAGE),
    Line("grille", "Grille d'enquête : ", PAGE),
    Line("message", "Message dans « Équipe seule »", TEAM),
    Line("message", "Message dans « Avec le cabinet »", PAGE),
    Line("message", "Message dans « Avec les structures »", TEAM | {"structure"}),
    Line("message", "Message dans « Pour tous »", PAGE | {"structure"}),
    Line("note", "Note privée", TEAM),
    Line("document", "Document déposé : « Budget interne »", TEAM),
    Line("document", "Document déposé : « Note au cabinet »", PAGE),
    Line("document", "Nouvelle version (v2) : « Note au cabinet »", PAGE),
    Line("document", "Document déposé : « Convention »", TEAM | {"structure"}),
    # Deleted, a document is the DLA team's alone, its title included (dossier.rules).
    Line("document", "Document déposé : « Compte rendu »", TEAM),
    Line("document", "Document supprimé : « Compte rendu »", TEAM),
    Line("tender", "Appel d'offres lancé", MANAGERS | {"intervenant", "other_intervenant"}),
    Line("tender", "Appel d'offres : Prolongation", MANAGERS | {"intervenant", "other_intervenant"}),
    Line("tender", "Appel d'offres : Correction d'une grille", MANAGERS),
]


def at(minutes):
    return timezone.now() - datetime.timedelta(minutes=minutes)


def fill(project, cm):
    """One line of every source on ``project``, each with its audience."""
    project.title = f"{project.title} (modifiée)"
    project._history_user = cm
    project.save()
    item = project.checklist.first()
    item.done, item.done_by, item.done_at, item.note = True, cm, timezone.now(), "ok"
    item.save()
    grille = Grille.objects.create(project=project)
    TransitionLog.objects.create(
        subject=grille, transition="submit", source="draft", target="submitted", by=cm, at=at(5)
    )
    for subject, level in (("Équipe seule", Visibility.TEAM),
                           ("Avec le cabinet", Visibility.PRESTATAIRE),
                           ("Avec les structures", Visibility.STRUCTURES),
                           ("Pour tous", Visibility.ALL)):
        post(cm, project, level, body=f"Corps {subject}", subject=subject)
    exchange.write_note(by=cm, project=project, body="Entre nous")
    DocumentFactory(project=project, title="Budget interne", visibility=Visibility.TEAM)
    shared = DocumentFactory(project=project, title="Note au cabinet",
                             visibility=Visibility.PRESTATAIRE)
    dossier.add_version(document=shared, upload=pdf_upload(), by=cm)
    DocumentFactory(project=project, title="Convention", visibility=Visibility.STRUCTURES)
    report = DocumentFactory(project=project, title="Compte rendu",
                             visibility=Visibility.STRUCTURES)
    dossier.delete_document(document=report, reason="Doublon", by=cm)


def open_call(project, cm, firms):
    call = CallForTender.objects.create(
        project=project, opened_by=cm, intent_deadline=at(-60), reply_deadline=at(-120)
    )
    CallForTender.objects.filter(pk=call.pk).update(opened_at=at(30))  # before its steps
    for firm in firms:
        Invitation.objects.create(call=call, prestataire=firm)
    for transition, reason in (("extend", "Plus de temps"), ("correct", "Grille revue")):
        TransitionLog.objects.create(
            subject=call, transition=transition, source=call.state, target=call.state,
            by=cm, at=at(1), comment=reason,
        )
    return call


@pytest.fixture
def world(db, charge_mission, other_charge_mission, c2ra_staff, admin_user):
    world = build_world(charge_mission, other_charge_mission, c2ra_staff, admin_user)
    fill(world.project, charge_mission)
    open_call(world.project, charge_mission, Prestataire.objects.all())
    world.project = Project.objects.get(pk=world.project.pk)
    return world
