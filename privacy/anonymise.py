"""Anonymise what is past its retention (privacy.retention), keeping the statistics' skeleton:
rows, counts, amounts, types and dates stay; names, e-mails and free texts naming persons are
replaced. Idempotent: a row already anonymised is not counted again, a run that changes
nothing logs nothing."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cycle.models import (
    CapitalisationItem,
    ChecklistItem,
    CommitteeMember,
    Project,
    ProjectStructure,
)
from cycle.models import Meeting as CommitteeMeeting
from directory.models import Intervenant, StructureContact
from exchange import uploads as exchange_uploads
from exchange.models import Attachment, Message, Note, Thread
from followup.models import Questionnaire
from followup.questions import QUESTIONS, Kind
from meetings.models import Attendee
from meetings.models import Meeting as Session
from notifications.models import Notification
from workflows.models import TransitionLog

from . import retention
from .models import Action, AnonymisationLog

logger = logging.getLogger(__name__)

ANONYMISED = "[anonymisé]"
TEXT_ANSWERS = [q.code for q in QUESTIONS if q.kind == Kind.TEXT]

# Per IC: (model, its path to the IC, the free-text fields to replace).
IC_FIELDS = (
    (Project, "pk", ("closing_reason",)),
    (TransitionLog, "project", ("comment",)),  # the reasons given for a step
    (Thread, "project", ("subject",)),
    (Message, "thread__project", ("body",)),
    (Note, "project", ("body",)),
    (Attachment, "message__thread__project", ("original_name",)),
    (Attendee, "meeting__project", ("name",)),
    (Session, "project", ("agenda",)),
    (CommitteeMember, "committee__project", ("person",)),
    (CommitteeMeeting, "committee__project", ("attendees", "decisions")),
    (CapitalisationItem, "project", ("responsible",)),
    (ProjectStructure, "project", ("withdrawal_reason",)),
    (ChecklistItem, "project", ("note",)),
)


def _replace(queryset, field: str) -> int:
    """Replace ``field`` where it holds something not yet anonymised; also in its history."""
    pending = ~Q(**{field: ""}) & ~Q(**{field: ANONYMISED})
    count = queryset.filter(pending).update(**{field: ANONYMISED})
    history = getattr(queryset.model, "history", None)
    if history is not None:
        ids = queryset.values("pk")
        history.model.objects.filter(pending, id__in=ids).update(**{field: ANONYMISED})
    return count


def _remove_files(project) -> None:
    """The attachments' files go (their rows, kinds and sizes stay for the counts)."""
    pending = Attachment.objects.filter(message__thread__project=project).exclude(
        original_name=ANONYMISED
    )
    for name in pending.values_list("file_name", flat=True):
        exchange_uploads.delete_stored(name)


def _answers(project) -> int:
    count = 0
    for questionnaire in Questionnaire.objects.filter(participation__project=project):
        answers = dict(questionnaire.answers or {})
        changed = [k for k in TEXT_ANSWERS if answers.get(k) not in (None, "", ANONYMISED)]
        if changed:
            answers.update(dict.fromkeys(changed, ANONYMISED))
            Questionnaire.objects.filter(pk=questionnaire.pk).update(answers=answers)
            count += len(changed)
    return count


def _notifications(project) -> int:
    url = reverse("cycle:project_detail", kwargs={"pk": project.pk})
    about = Notification.objects.filter(url__startswith=url)
    return _replace(about, "title") + _replace(about, "body")


def anonymise_project(project) -> int:
    """Anonymise one IC's personal data; the number of values replaced (0: already done)."""
    details = {}
    with transaction.atomic():
        _remove_files(project)
        for model, path, fields in IC_FIELDS:
            queryset = model.objects.filter(**{path: project.pk})
            for field in fields:
                if n := _replace(queryset, field):
                    details[f"{model._meta.label}.{field}"] = n
        if n := _answers(project):
            details["followup.Questionnaire.answers"] = n
        if n := _notifications(project):
            details["notifications.Notification"] = n
        return _log(Action.ANONYMISED_IC, project, details)


def _log(action, obj, details: dict) -> int:
    total = sum(details.values())
    if total:
        AnonymisationLog.objects.create(
            action=action, target=str(obj)[:300], object_id=obj.pk, count=total, details=details
        )
        logger.info("RGPD %s %s: %s", action, obj.pk, details)
    return total


def _anonymise_user(user) -> dict:
    if user is None or user.username == f"anonyme-{user.pk}":
        return {}
    type(user).objects.filter(pk=user.pk).update(
        first_name=ANONYMISED, last_name="", email="", username=f"anonyme-{user.pk}",
        is_active=False,
    )
    return {"accounts.User": 1}


def _all_expired(project_ids, expired_ids) -> bool:
    return bool(project_ids) and set(project_ids) <= expired_ids


def anonymise_contacts(expired_ids: set) -> int:
    """A withdrawn structure contact whose structure's ICs are all past their retention."""
    total = 0
    contacts = StructureContact.objects.filter(withdrawn_at__isnull=False).select_related("user")
    for contact in contacts:
        ics = ProjectStructure.objects.filter(structure_id=contact.structure_id)
        if _all_expired(set(ics.values_list("project_id", flat=True)), expired_ids):
            with transaction.atomic():
                total += _log(Action.ANONYMISED_CONTACT, contact, _anonymise_user(contact.user))
    return total


def anonymise_intervenants(expired_ids: set) -> int:
    """An intervenant whose firm's ICs are all past their retention and who no longer signs
    in (no account, or one disabled): a firm's consultant may still answer tenders."""
    total = 0
    idle = Q(user__isnull=True) | Q(user__is_active=False)
    for intervenant in Intervenant.objects.filter(idle).select_related("user", "prestataire"):
        ics = intervenant.prestataire.assignments.values_list("project_id", flat=True)
        if not _all_expired(set(ics), expired_ids):
            continue
        with transaction.atomic():
            details = _anonymise_user(intervenant.user)
            if intervenant.last_name != "" or intervenant.email != "":
                Intervenant.objects.filter(pk=intervenant.pk).update(
                    first_name=ANONYMISED, last_name="", email=""
                )
                details["directory.Intervenant"] = 1
            total += _log(Action.ANONYMISED_INTERVENANT, intervenant, details)
    return total


def disable_inactive_accounts() -> int:
    """Disable the accounts nobody used for PRIVACY_INACTIVE_MONTHS (never a superuser)."""
    since = retention.inactive_since()
    stale = get_user_model().objects.filter(is_active=True, is_superuser=False).filter(
        Q(last_login__date__lt=since) | Q(last_login__isnull=True, date_joined__date__lt=since)
    )
    with transaction.atomic():
        count = stale.update(is_active=False)
        if count:
            AnonymisationLog.objects.create(
                action=Action.DISABLED_ACCOUNTS, count=count,
                target=f"< {since.isoformat()}",
            )
    return count


def run(*, today=None) -> dict:
    """One pass of every rule; what each changed."""
    today = today or timezone.localdate()
    ended = list(retention.ended_projects())
    expired = retention.expired(ended, today=today)
    expired_ids = {p.pk for p in expired}
    return {
        "ics": sum(anonymise_project(p) for p in expired),
        "contacts": anonymise_contacts(expired_ids),
        "intervenants": anonymise_intervenants(expired_ids),
        "accounts": disable_inactive_accounts(),
        "warned": warn_expiring(ended, today=today),
    }


def warn_expiring(ended, *, today) -> int:
    from .notices import warn_pilots

    return sum(
        len(warn_pilots(p, end=retention.end_for(timezone.localdate(p.ended_at))))
        for p in retention.expiring(ended, today=today)
    )
