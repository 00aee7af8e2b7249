"""The dossier's lines of the activity feed (cycle.timeline), from dossier/apps.py: each
upload, each new version and each deletion (with its reason), shown to the document's
audience (its visibility level, cycle.audiences); a deleted document stays the DLA team's
alone (dossier.rules): only they read its lines."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cycle.timeline import Event, Kind, Scope

from .models import Document, DocumentVersion

DOCUMENT = Kind("document", gettext_lazy("document"))


def _link(document) -> str:
    return reverse("dossier:document_detail", args=[document.pk])


def documents(scope: Scope) -> list[Event]:
    if not scope.levels:
        return []
    ics = scope.projects.values("pk")
    versions = DocumentVersion.objects.filter(
        document__project__in=ics, document__visibility__in=scope.levels
    )
    if not scope.team:  # a deleted document, its title included, is the team's alone
        versions = versions.filter(document__deleted_at__isnull=True)
    versions = scope.bound(versions.select_related("document", "uploaded_by"), "uploaded_at")
    deleted = (
        scope.bound(
            Document.objects.filter(
                project__in=ics, visibility__in=scope.levels, deleted_at__isnull=False
            ).select_related("deleted_by"),
            "deleted_at",
        )
        if scope.team
        else []
    )
    filed, new_version = _("Document déposé : « %(title)s »"), _(
        "Nouvelle version (v%(number)s) : « %(title)s »"
    )
    events = [
        Event(
            version.uploaded_at, DOCUMENT.value,
            filed % {"title": version.document.title} if version.number == 1
            else new_version % {"title": version.document.title, "number": version.number},
            version.uploaded_by, "", version.document.project_id,
            _link(version.document),
        )
        for version in versions
    ]
    removed = _("Document supprimé : « %(title)s »")
    events.extend(
        Event(
            document.deleted_at, DOCUMENT.value, removed % {"title": document.title},
            document.deleted_by, document.deletion_reason, document.project_id,
            _link(document),
        )
        for document in deleted
    )
    return events
