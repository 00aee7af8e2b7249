"""The bundle's CSV tables, written like the dashboard's export (cycle.exports): French
headings, ``;`` separator, UTF-8 with a byte-order mark, a spreadsheet formula shown as text."""

import csv
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import registered_models

from cycle.exports import neutralised
from cycle.models import Project
from dla_ic.inputs import without_controls
from workflows.models import TransitionLog


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S")
    return neutralised(without_controls(str(value)))


def csv_bytes(headings, rows) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([str(h) for h in headings])
    writer.writerows([_text(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("automatique")


# --- the transition log: the IC's, its participations', its call's and invitations', its grille's

LOGGED = ("project", "participation__project", "call__project", "invitation__call__project",
          "grille__project")


def transitions_csv(project) -> bytes:
    logs = sorted(
        (log for path in LOGGED for log in TransitionLog.objects.filter(**{path: project})
         .select_related("by")),
        key=lambda log: (log.at, log.pk),
    )
    rows = [
        (log.at, ContentType.objects.get_for_id(log.content_type_id).name, log.object_id,
         log.transition, log.get_source_display(), log.get_target_display(), _person(log.by),
         log.comment)
        for log in logs
    ]
    headings = (_("Date"), _("Élément"), _("Identifiant"), _("Transition"), _("Depuis"),
                _("Vers"), _("Par"), _("Commentaire"))
    return csv_bytes(headings, rows)


# --- the field history (simple_history) of the IC and of the rows that hang from it


def _path_to_project(model) -> str | None:
    """How a tracked model's rows reach their IC: itself, its ``project`` or one step up."""
    if model is Project:
        return "id"
    relations = [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]
    for field in relations:
        if field.related_model is Project:
            return field.attname
    for field in relations:
        upper = [f for f in field.related_model._meta.concrete_fields
                 if (f.many_to_one or f.one_to_one) and f.related_model is Project]
        if upper:
            return f"{field.name}__{upper[0].attname}"
    return None


def tracked_histories():
    """(historical model, path to the IC) of every tracked model tied to an IC."""
    found = []
    for model in registered_models.values():
        manager = getattr(model, "history", None)
        path = _path_to_project(model)
        if manager is not None and path is not None and hasattr(manager, "model"):
            found.append((manager.model, path))
    return sorted(found, key=lambda pair: pair[0]._meta.label)


OPERATIONS = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}
BOOKKEEPING = {"history_id", "history_date", "history_change_reason", "history_type",
               "history_user", "history_relation"}


def _values(record, fields) -> dict:
    """Each field's value, an empty one as None: a blank text and a null are no change."""
    return {f.verbose_name: f.value_from_object(record) for f in fields}


def _blank(value):
    return None if value in ("", [], {}) else value


def _changes(records, fields):
    """Rows of one object's records, oldest first: each changed field against the one before."""
    before = {}
    for record in records:
        now = {k: _blank(v) for k, v in _values(record, fields).items()}
        changed = [(k, before.get(k), v) for k, v in now.items() if before.get(k) != v]
        if record.history_type == "-" or not changed:
            changed = [("", "", "")]
        for field, old, new in changed:
            yield record, field, old, new
        before = now


def history_rows(project):
    for historical, path in tracked_histories():
        fields = [f for f in historical._meta.concrete_fields
                  if f.name not in BOOKKEEPING and f.name != "id"]
        label = historical.instance_type._meta.verbose_name
        records = (historical.objects.filter(**{path: project.pk})
                   .select_related("history_user").order_by("id", "history_date", "history_id"))
        by_object = {}
        for record in records:
            by_object.setdefault(record.id, []).append(record)
        for object_id, own in by_object.items():
            for record, field, old, new in _changes(own, fields):
                yield (record.history_date, label, object_id,
                       OPERATIONS.get(record.history_type, record.history_type), field, old,
                       new, _person(record.history_user), record.history_change_reason)


def history_csv(project) -> bytes:
    rows = sorted(history_rows(project), key=lambda row: (row[0], str(row[1]), row[2]))
    headings = (_("Date"), _("Élément"), _("Identifiant"), _("Opération"), _("Champ"),
                _("Ancienne valeur"), _("Nouvelle valeur"), _("Par"), _("Motif"))
    return csv_bytes(headings, rows)


# --- the exchange's messages the requester reads


def messages_csv(messages, attachment_paths: dict) -> bytes:
    rows = [
        (message.thread.subject, message.created_at, _person(message.author),
         message.get_visibility_display(), message.body,
         " | ".join(attachment_paths.get(a.pk, "") for a in message.attachments.all()))
        for message in messages
    ]
    headings = (_("Fil de discussion"), _("Date"), _("Auteur"), _("Visible par"), _("Message"),
                _("Pièces jointes"))
    return csv_bytes(headings, rows)
