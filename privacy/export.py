"""Subject access (RGPD art. 15): a ZIP of what the app holds about one person, nobody else's.

The person is a user account, or a structure contact or intervenant found by e-mail. Each
source is a queryset of the rows that are about them (their account, their messages, the
notifications they received...), written as JSON; their uploaded files ride along."""

import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

from accounts.models import Invitation
from cycle.models import ChecklistItem, ProjectStructure
from directory.models import Intervenant, StructureContact
from dossier import uploads as dossier_uploads
from dossier.models import DocumentVersion
from exchange import uploads as exchange_uploads
from exchange.models import Attachment, Message, Note, Thread, ThreadRead
from followup.models import Questionnaire
from meetings.models import Attendee
from meetings.models import Invitation as MeetingInvitation
from notifications.models import Notification, NotificationPreference
from workflows.models import TransitionLog

SECRET = {"password", "token_hash", "digest"}
# What a row about the person also says of others: a notification quotes another's message,
# a participation whose consent they recorded holds the structure's own reasons.
OTHERS = {"notifications": {"title", "body"}, "consentements_saisis": {"withdrawal_reason"}}


def _users(user, email):
    q = Q(pk=user.pk) if user else Q(pk__in=[])
    if email:
        q |= Q(email__iexact=email)
    return get_user_model().objects.filter(q)


def sources(*, user=None, email="") -> dict:
    """Each file's name and the rows it holds: those that are the person's or by them."""
    users = list(_users(user, email))
    by = Q(pk__in=[u.pk for u in users])
    email_q = Q(email__iexact=email) if email else Q(pk__in=[])
    ids = [u.pk for u in users]
    return {
        "compte": get_user_model().objects.filter(by),
        "invitations": Invitation.objects.filter(email_q | Q(user_id__in=ids)),
        "intervenant": Intervenant.objects.filter(email_q | Q(user_id__in=ids)),
        "contact_structure": StructureContact.objects.filter(user_id__in=ids),
        "fils_ouverts": Thread.objects.filter(created_by_id__in=ids),
        "messages": Message.objects.filter(author_id__in=ids),
        "pieces_jointes": Attachment.objects.filter(message__author_id__in=ids),
        "lectures": ThreadRead.objects.filter(user_id__in=ids),
        "notes": Note.objects.filter(author_id__in=ids),
        "taches": ChecklistItem.objects.filter(Q(assignee_id__in=ids) | Q(done_by_id__in=ids)),
        "consentements_saisis": ProjectStructure.objects.filter(consent_recorded_by_id__in=ids),
        "questionnaires_repondus": Questionnaire.objects.filter(answered_by_id__in=ids),
        "reponses_seances": MeetingInvitation.objects.filter(answered_by_id__in=ids),
        "emargements_saisis": Attendee.objects.filter(recorded_by_id__in=ids),
        "documents_deposes": DocumentVersion.objects.filter(uploaded_by_id__in=ids),
        "notifications": Notification.objects.filter(recipient_id__in=ids),
        "preferences": NotificationPreference.objects.filter(user_id__in=ids),
        "historique_actions": TransitionLog.objects.filter(by_id__in=ids),
    }


def _rows(name, queryset) -> list[dict]:
    left_out = SECRET | OTHERS.get(name, set())
    fields = [f.attname for f in queryset.model._meta.concrete_fields if f.name not in left_out]
    return list(queryset.order_by("pk").values(*fields))


def _files(found: dict):
    """(name in the ZIP, the open stored file or None) of the person's attachments and
    uploaded documents, read through the private storage."""
    for a in found["pieces_jointes"].order_by("pk"):
        yield f"fichiers/messages/{a.pk}-{a.original_name}", exchange_uploads.open_stored(
            a.file_name
        )
    for v in found["documents_deposes"].order_by("pk"):
        yield f"fichiers/documents/{v.pk}-{v.original_name}", dossier_uploads.open_stored(
            v.file_name
        )


def build_zip(*, user=None, email="") -> bytes:
    found = sources(user=user, email=email)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, queryset in found.items():
            rows = _rows(name, queryset)
            text = json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
            archive.writestr(f"{name}.json", text)
        for name, file in _files(found):
            if file is not None:
                with file:
                    archive.writestr(name, file.read())
    return buffer.getvalue()
