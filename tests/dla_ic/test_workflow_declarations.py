"""Each state machine is declared once: its transitions carry their label, tone, reason and
permission (``custom=``/``permission=`` on ``@transition``), and everything else derives
from them through django-fsm's public API."""

import inspect
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from cycle import services
from cycle.exceptions import TransitionRefused
from cycle.forms import ParticipationStatusForm, TransitionForm
from cycle.models import Project, ProjectStructure
from cycle.rules import can_drive_cycle
from cycle.states import State
from cycle.vocabulary import ParticipationStatus
from directory.models import BeneficiaryStructure
from grille import services as grille_services
from grille.models import Grille, GrilleStatus
from monographs.models import Carnet, CarnetStatus
from monographs.tasks import CARNET
from tenders.models import CallForTender, Invitation
from tenders.vocabulary import CallState, InvitationStatus
from workflows import machines as workflow
from workflows.models import TransitionLog

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "cycle", "directory", "dla_ic", "grille", "monographs", "tenders", "workflows")
TONES = {"primary", "secondary", "success", "danger", "warning", "info", "light", "dark"}
MACHINES = [
    (Project, "state"), (Grille, "status"), (ProjectStructure, "status"), (Carnet, "status"),
    (CallForTender, "state"), (Invitation, "status"),
]


def test_the_app_never_reads_django_fsm_private_meta():
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "_django_fsm" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_templates_and_css_name_no_raw_state():
    values = {
        *State.values, *GrilleStatus.values, *CarnetStatus.values, *ParticipationStatus.values,
        *CallState.values, *InvitationStatus.values,
    }
    raw = re.compile(
        r"""["'](%s)["']|\.stage-(%s)\b""" % ("|".join(values), "|".join(values))  # noqa: UP031
    )
    files = [
        *[p for app in APPS for p in (ROOT / app).rglob("templates/**/*.html")],
        *(ROOT / "templates").rglob("*.html"),
        *(ROOT / "static" / "css").glob("*.css"),
    ]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in files
        for match in raw.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(("model", "field"), MACHINES)
def test_every_transition_declares_label_tone_reason_and_permission(model, field):
    for transition_ in model._meta.get_field(field).get_all_transitions(model):
        custom = transition_.custom
        assert str(custom["label"]).strip(), transition_.name
        assert custom["tone"] in TONES, transition_.name
        assert transition_.permission is not None, transition_.name
        # a reason is asked exactly when the method takes one
        takes_reason = "reason" in inspect.signature(transition_.method).parameters
        assert bool(custom["reason"]) == takes_reason, transition_.name


def test_the_menu_and_the_form_derive_from_the_declarations(project):
    menu = services.available_transitions(project)
    assert [entry["name"] for entry in menu] == ["advance", "suspend", "abandon"]
    advance = menu[0]
    assert advance["button"] == "Passer à « Cibler les structures bénéficiaires »"
    assert advance["missing"]  # the guards' messages, read from the declaration
    assert [(e["tone"], e["needs_reason"]) for e in menu[1:]] == [
        ("secondary", True), ("danger", True),
    ]
    choices = dict(TransitionForm().fields["name"].choices)
    assert list(choices) == ["advance", "step_back", "suspend", "resume", "abandon"]


def test_the_grille_menu_reads_the_transitions_permissions(
    project, charge_mission, other_charge_mission
):
    grille = Grille.objects.create(project=project, status=GrilleStatus.SUBMITTED)
    assert [e["name"] for e in workflow.menu(grille, "status", user=charge_mission)] == [
        "send_back", "validate",
    ]
    assert workflow.menu(grille, "status", user=other_charge_mission) == []


class PausableProject(Project):
    """A new transition: its one declaration below, nothing else anywhere."""

    class Meta:
        proxy = True
        app_label = "cycle"

    @transition(
        field="state", source=State.SUSPENDED, target=State.CLOSED, permission=can_drive_cycle,
        custom=workflow.action(_("Clore sans reprendre"), tone="success",
                               reason=_("Indiquez pourquoi.")),
    )
    def close_suspended(self, reason=""):
        self.closing_reason = reason


def test_a_new_transition_needs_one_declaration(project, charge_mission, other_charge_mission):
    services.suspend(project, by=charge_mission, reason="Financement")
    pausable = PausableProject.objects.get(pk=project.pk)

    entry = workflow.menu(pausable, "state")[-1]
    assert (entry["name"], entry["label"], entry["tone"], entry["target"]) == (
        "close_suspended", "Clore sans reprendre", "success", "Clôturée",
    )
    with pytest.raises(TransitionRefused, match=r"Indiquez pourquoi\."):
        workflow.fire(services.CYCLE, pausable, "close_suspended", by=charge_mission)
    with pytest.raises(PermissionDenied):
        workflow.fire(services.CYCLE, pausable, "close_suspended", by=other_charge_mission,
                      comment="Fin")
    log = workflow.fire(services.CYCLE, pausable, "close_suspended", by=charge_mission,
                        comment="Fin du financement")
    assert (log.transition, log.source, log.target, log.comment) == (
        "close_suspended", State.SUSPENDED, State.CLOSED, "Fin du financement",
    )
    assert isinstance(PausableProject._meta.get_field("state"), models.Field)


@pytest.fixture
def participation(project):
    structure = BeneficiaryStructure.objects.create(
        name="Jardins de Cocagne", legal_form="association", sector_id="environnement",
        departement_id="59",
    )
    return ProjectStructure.objects.create(project=project, structure=structure)


def test_every_machine_logs_its_fired_transitions_in_the_one_log(
    project, participation, charge_mission
):
    grille = Grille.objects.create(project=project, status=GrilleStatus.SUBMITTED)
    carnet = Carnet.objects.create(title="Carnet", requested_by=charge_mission)
    fired = [
        (services.CYCLE, project, "suspend", charge_mission, "Financement"),
        (grille_services.GRILLE, grille, "validate", charge_mission, ""),
        (services.PARTICIPATION, participation, "withdraw", charge_mission, "Fusion"),
        (CARNET, carnet, "start", None, ""),
    ]
    for machine, subject, name, by, comment in fired:
        source = getattr(subject, machine.field)
        log = workflow.fire(machine, subject, name, by=by, comment=comment)

        assert TransitionLog.objects.get(pk=log.pk).subject == subject
        assert (log.transition, log.source, log.target, log.by, log.comment) == (
            name, source, getattr(subject, machine.field), by, comment,
        )
    assert [log.transition for log in participation.transition_logs.all()] == ["withdraw"]
    assert [log.transition for log in carnet.transition_logs.all()] == ["start"]


def test_participation_moves_derive_from_the_declarations():
    assert [(t.name, t.target) for t in services.participation_moves("identifiee")] == [
        ("contact", "contactee"), ("withdraw", "retiree"),
    ]
    assert [t.name for t in services.participation_moves("retiree")] == ["recontact"]
    assert "identifiee" not in dict(ParticipationStatusForm().fields["status"].choices)
