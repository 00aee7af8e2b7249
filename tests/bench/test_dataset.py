"""The data-set generator at small scale: deterministic, consistent with the cycle, careful."""

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from accounts.models import Role, User
from cycle.guards import missing_for
from cycle.models import ChecklistItem, Project
from cycle.states import PHASES, State
from demo import dataset
from directory.models import BeneficiaryStructure, Prestataire
from directory.validators import validate_siret
from grille.models import Grille
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def generate_and_digest(seed=1):
    try:
        with transaction.atomic():
            dataset.generate("small", seed)
            digest = dataset.digest()
            raise Rollback
    except Rollback:
        pass
    return digest


def test_same_seed_same_data_other_seed_other_data():
    first, second = generate_and_digest(1), generate_and_digest(1)
    assert first == second
    assert generate_and_digest(2) != first


def test_small_scale_covers_every_state_and_role():
    counts = dataset.generate("small", 1)
    assert counts["projects"] == 20
    assert set(Project.objects.values_list("state", flat=True)) == set(State.values)
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert ChecklistItem.objects.count() == 20 * 46


def test_sirets_are_valid():
    dataset.generate("small", 1)
    for siret in [
        *BeneficiaryStructure.objects.values_list("siret", flat=True),
        *Prestataire.objects.values_list("siret", flat=True),
    ]:
        validate_siret(siret)


def test_states_agree_with_guards_logs_and_grilles():
    dataset.generate("small", 1)
    for project in Project.objects.all():
        logs = list(project.transition_logs.order_by("at", "pk"))
        assert logs[0].transition == "create" and logs[0].source == ""
        for previous, log in itertools.pairwise(logs):
            assert log.source == previous.target, project.title
        assert logs[-1].target == project.state
        # What the methodology requires to stand where the IC stands is there.
        where = project.suspended_from or project.state
        if where in PHASES:
            assert missing_for(project, where) == [], (project.title, where)
        elif project.state == State.CLOSED:
            assert missing_for(project, State.CLOSED) == []
        reached = dataset.reached_index(project.state, project.suspended_from)
        grille = Grille.objects.filter(project=project).first()
        if project.state == State.CLOSED:
            assert grille.status == "validee"
        elif project.state != State.ABANDONED and reached >= 10:
            assert grille.status in Grille.SUBMITTED_STATUSES
    assert TransitionLog.objects.count() > 20 * 5


def test_refuses_a_database_with_other_data_unless_forced():
    User.objects.create_user("quelquun", password="x-y-z-123456", role=Role.ADMIN)
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_dataset", scale="small", seed=1)
    assert not Project.objects.exists()
    call_command("generate_dataset", scale="small", seed=1, force=True)
    assert Project.objects.count() == 20
    with pytest.raises(CommandError, match="déjà généré"):
        call_command("generate_dataset", scale="small", seed=1, force=True)
