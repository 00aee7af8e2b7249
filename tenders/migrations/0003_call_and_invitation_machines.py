"""The call and the invitation become state machines; the call's journal joins the one log.

- ``state`` of each call, derived from the dates it had (cancelled, signed, opened, open);
- each CallEvent becomes a row of workflows' TransitionLog (kind → transition name), with
  its source and target replayed call by call; then CallEvent goes.
"""

import django_fsm
from django.db import migrations, models

OPEN, OPENED, SIGNED, CANCELLED = "attente_offres", "offres_ouvertes", "choix_signe", "annule"

# The journal's kinds → the call's transitions (their target; None: a self-loop).
KINDS = {
    "avenant": ("amend", None),
    "prolongation": ("extend", None),
    "ouverture": ("open_offers", OPENED),
    "correction": ("correct", None),
    "signature": ("sign", SIGNED),
    "annulation": ("cancel", CANCELLED),
}


def state_from_dates(*, cancelled_at, signed_at, offers_opened_at) -> str:
    """Where a call stood, read from its dates as the services stamped them."""
    if cancelled_at is not None:
        return CANCELLED
    if signed_at is not None:
        return SIGNED
    if offers_opened_at is not None:
        return OPENED
    return OPEN


def derive_states(apps, schema_editor):
    CallForTender = apps.get_model("tenders", "CallForTender")
    for call in CallForTender.objects.only("cancelled_at", "signed_at", "offers_opened_at"):
        state = state_from_dates(cancelled_at=call.cancelled_at, signed_at=call.signed_at,
                                 offers_opened_at=call.offers_opened_at)
        if state != OPEN:
            CallForTender.objects.filter(pk=call.pk).update(state=state)


def events_to_log(apps, schema_editor):
    CallEvent = apps.get_model("tenders", "CallEvent")
    TransitionLog = apps.get_model("workflows", "TransitionLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    events = list(CallEvent.objects.order_by("call_id", "at", "pk"))
    if not events:
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label="tenders", model="callfortender"
    )
    rows, state, call = [], OPEN, None
    for event in events:
        if event.call_id != call:
            state, call = OPEN, event.call_id
        name, target = KINDS[event.kind]
        target = target or state
        rows.append(TransitionLog(
            content_type=content_type, object_id=event.call_id, transition=name,
            source=state, target=target, by_id=event.by_id, at=event.at,
            comment=event.reason, details=event.details,
        ))
        state = target
    TransitionLog.objects.bulk_create(rows)


def log_to_events(apps, schema_editor):
    CallEvent = apps.get_model("tenders", "CallEvent")
    TransitionLog = apps.get_model("workflows", "TransitionLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="tenders", model="callfortender").first()
    if content_type is None:
        return
    kinds = {name: kind for kind, (name, _target) in KINDS.items()}
    logs = TransitionLog.objects.filter(content_type=content_type)
    CallEvent.objects.bulk_create(
        CallEvent(call_id=entry.object_id, kind=kinds[entry.transition], at=entry.at,
                  by_id=entry.by_id, reason=entry.comment, details=entry.details)
        for entry in logs
    )
    logs.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("tenders", "0002_call_log_sealing_signed_documents"),
        ("workflows", "0001_transition_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="callfortender",
            name="state",
            field=django_fsm.FSMField(choices=[("attente_offres", "Ouvert aux offres"), ("offres_ouvertes", "Offres ouvertes"), ("choix_signe", "Choix signé"), ("annule", "Annulé")], default="attente_offres", max_length=20, verbose_name="état"),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="status",
            field=django_fsm.FSMField(choices=[("invitee", "Invitée"), ("repondra", "Répondra"), ("declinee", "Déclinée"), ("offre_deposee", "Offre déposée")], default="invitee", max_length=20, verbose_name="réponse"),
        ),
        migrations.RunPython(derive_states, migrations.RunPython.noop),
        migrations.RunPython(events_to_log, log_to_events),
        migrations.DeleteModel(
            name="CallEvent",
        ),
        migrations.AddConstraint(
            model_name="callfortender",
            constraint=models.CheckConstraint(condition=models.Q(("state__in", ["attente_offres", "offres_ouvertes", "choix_signe", "annule"])), name="call_state_valid"),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.CheckConstraint(condition=models.Q(("status__in", ["invitee", "repondra", "declinee", "offre_deposee"])), name="invitation_status_valid"),
        ),
    ]
