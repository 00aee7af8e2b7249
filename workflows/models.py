"""One transition log for every machine of the app (IC, grille, participation, call…)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMFieldMixin


class TransitionLog(models.Model):
    """One fired transition: which, from, to, who, when, why. Never changed, never deleted."""

    content_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(_("transition"), max_length=40)
    source = models.CharField(_("depuis"), max_length=40, blank=True)
    target = models.CharField(_("vers"), max_length=40)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("par"),
    )
    at = models.DateTimeField(_("le"), db_index=True)
    comment = models.TextField(_("commentaire"), blank=True)
    # What a transition carries beside its reason (a call's new deadline, a corrected grid).
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("historique des cycles de vie")
        ordering = ["content_type", "object_id", "at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"]),
            # The few transitions to a given state (closures, abandons) among every log:
            # what the statistics count per year and per reason.
            models.Index(fields=["content_type", "target"], name="workflows_log_target_idx"),
        ]

    def __str__(self):
        return f"{self.get_source_display()} → {self.get_target_display()}"

    @property
    def reason(self) -> str:
        """The reason the transition carried (its comment)."""
        return self.comment

    def _state_label(self, value: str) -> str:
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        for field in model._meta.concrete_fields:
            if isinstance(field, FSMFieldMixin):
                labels = dict(field.flatchoices)
                if value in labels:
                    return str(labels[value])
        return value

    def get_source_display(self) -> str:
        return self._state_label(self.source) if self.source else ""

    def get_target_display(self) -> str:
        return self._state_label(self.target)


class TransitionHistory(GenericRelation):
    """A model's fired transitions. Deleting a model that has some is refused, as a PROTECT
    foreign key would refuse it: while the deletion is collected, before anything is
    written (a generic relation alone would cascade to the log)."""

    def bulk_related_objects(self, objs, using=DEFAULT_DB_ALIAS):
        logs = super().bulk_related_objects(objs, using)
        protected = list(logs[:1])
        if protected:
            subject = next(o for o in objs if o.pk == protected[0].object_id)
            raise ProtectedError(
                _("« %(object)s » a un historique de transitions : il ne peut être supprimé.")
                % {"object": subject},
                set(protected),
            )
        return logs


def transition_history(related_query_name: str) -> GenericRelation:
    """A model's fired transitions, queryable from the log as ``related_query_name``."""
    return TransitionHistory(
        TransitionLog, related_query_name=related_query_name, verbose_name=_("historique")
    )
