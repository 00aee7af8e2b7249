"""The notification centre: everyone signed in has one; a notification is its recipient's."""

from notifications.models import Notification

from .base import ROLES, Access

SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}
POST_ONLY = {**dict.fromkeys(ROLES, 405), "anonymous": 302}
REDIRECTED = {**dict.fromkeys(ROLES, 302)}
OWNER_ONLY = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "charge_mission": 302}

ACCESS = {
    "notifications:list": Access(kwargs={}, get=SIGNED_IN),
    "notifications:bell": Access(kwargs={}, get=SIGNED_IN),
    # An empty form is refused beside its fields (200), nothing written.
    "notifications:preferences": Access(kwargs={}, get=SIGNED_IN, post=SIGNED_IN, data={}),
    "notifications:mark_all_read": Access(kwargs={}, get=POST_ONLY, post=REDIRECTED, data={}),
    "notifications:mark_read": Access(
        kwargs={"pk": "notification"}, get=POST_ONLY, post=OWNER_ONLY, data={}
    ),
}


def _notification(samples):
    project = samples["project"]
    return Notification.objects.create(
        recipient=project.created_by,
        kind="ic_transition",
        channel="digest",
        title="« IC témoin » a changé d'étape",
        url=f"/projets/{project.pk}/",
        key="sample",
    )


SAMPLES = {"notification": _notification}
