"""Due dates for the demo (issue 15): claire, paul and intervenant each find overdue and
upcoming tasks in « Mes tâches » (and reminders once ``send_reminders`` runs), and sophie
an « IC dormante ». Idempotent: only what is
not set yet is set; a second run changes nothing."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from cycle import checklists
from cycle.models import Project, ProjectPilot
from directory.models import Organisation
from grille.models import Grille
from workflows.models import TransitionLog

CLAIRE_IC = "Consolider le modèle économique des tiers-lieux de la Flandre intérieure"
# Co-piloted by the C2RA here; its grille is the intervenant's to hand in.
PAUL_IC = INTERVENANT_IC = "Mutualiser les approvisionnements des épiceries solidaires du Cambrésis"
DORMANT_IC = "Mutualiser la fonction employeur des clubs sportifs de la métropole lilloise"
C2RA = "DLA régional Hauts-de-France"
DORMANT_FOR = 45  # days


def load() -> None:
    today = timezone.localdate()
    _date_items(CLAIRE_IC, today, (-5, 0))
    paul = User.objects.get(username="paul")
    project = Project.objects.get(title=PAUL_IC)
    ProjectPilot.objects.get_or_create(
        project=project, organisation=Organisation.objects.get(name=C2RA)
    )
    # Paul's first is late beyond TASK_ESCALATE_AFTER_DAYS: send_reminders tells claire,
    # of the référent DLA, too.
    _date_items(PAUL_IC, today, (-9, 6), assignee=paul)
    _date_items(PAUL_IC, today, (20,))  # the third, to both DLAs' chargés de mission
    Grille.objects.filter(project__title=INTERVENANT_IC, expected_return_on__isnull=True).update(
        expected_return_on=today - timedelta(days=4)
    )
    _put_to_sleep(DORMANT_IC)


def _date_items(title, today, offsets, assignee=None) -> None:
    """Date the first undated items ticked by hand; none left undated: nothing happens."""
    project = Project.objects.get(title=title)
    items = [
        item
        for item in project.checklist.filter(phase=project.state, done=False)
        if not checklists.answer_for(item.phase, item.code)
    ]
    # Items already dated (a previous run, the call just above) are left as they are.
    for item, days in zip([i for i in items if not i.due_on], offsets, strict=False):
        item.due_on, item.assignee = today + timedelta(days=days), assignee
        item.save(update_fields=["due_on", "assignee", "version"])


def _put_to_sleep(title) -> None:
    """Its last touch moved back: saved, its transitions and its ticks, DORMANT_FOR days ago."""
    then = timezone.now() - timedelta(days=DORMANT_FOR)
    project = Project.objects.get(title=title)
    Project.objects.filter(pk=project.pk, updated_at__gt=then).update(updated_at=then)
    TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Project),
        object_id=project.pk,
        at__gt=then,
    ).update(at=then)
    project.checklist.filter(done_at__gt=then).update(done_at=then)
