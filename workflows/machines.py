"""The app's django-fsm machines, read and fired through django-fsm's public API only.

Each transition is declared once, on its model method: ``@transition(...,
permission=..., custom=action(label, ...))``. Menus, buttons, the timeline and
the fire-and-log service below derive everything from those declarations, so a
new transition needs its decorated method and nothing else.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import Transition, can_proceed

from .models import TransitionLog
from .signals import transition_fired


class TransitionRefused(Exception):
    """A transition the machine does not allow now; ``missing`` lists why, in French."""

    def __init__(self, missing):
        self.missing = [str(message) for message in missing]
        super().__init__(" ".join(self.missing))


def action(label, *, tone="primary", reason=None, reason_label=None, show_target=False,
           button=None, blockers=None, target=None, confirm=None) -> dict:
    """The ``custom=`` of a transition.

    ``label``: its French name; ``tone``: its Bootstrap colour; ``reason``: the
    message shown when a required reason is missing (None: no reason asked), the
    reason then reaching the method as ``reason=``; ``reason_label``: the reason
    field's label; ``show_target``/``button``: how its button names the target
    (``button`` a format with ``%(target)s``); ``blockers(instance, target)``:
    what is still missing before it may fire (the messages of its conditions);
    ``target(instance)``: the target of a ``RETURN_VALUE`` transition; ``confirm``:
    the question asked before an irreversible transition fires (None: none).
    """
    return {
        "label": label, "tone": tone, "reason": reason, "reason_label": reason_label,
        "show_target": show_target, "button": button, "blockers": blockers,
        "target": target, "confirm": confirm,
    }


def declared(model, field: str) -> dict[str, Transition]:
    """One Transition per method name, in the order the model declares them."""
    order = list(dict.fromkeys(name for klass in reversed(model.__mro__) for name in vars(klass)))
    transitions = {}
    for transition in model._meta.get_field(field).get_all_transitions(model):
        transitions.setdefault(transition.name, transition)
    return dict(sorted(transitions.items(), key=lambda item: order.index(item[0])))


def labels(model, field: str) -> dict[str, str]:
    return {name: t.custom["label"] for name, t in declared(model, field).items()}


def _from_state(instance, field: str, name: str) -> Transition | None:
    state = getattr(instance, field)
    for transition in type(instance)._meta.get_field(field).get_all_transitions(type(instance)):
        if transition.name == name and transition.source in (state, "*", "+"):
            return transition
    return None


def target_of(instance, transition: Transition):
    """The state the transition leads to (a dynamic one through ``custom["target"]``)."""
    if isinstance(transition.target, str):
        return transition.target
    return (transition.custom.get("target") or (lambda _instance: None))(instance)


def offered(instance, field: str, *, user=None) -> list[Transition]:
    """The transitions declared from the instance's state, conditions not checked (a menu
    says what is missing); with ``user``, only those the user's permission allows."""
    if user is not None:
        allowed = {t.name for t in getattr(instance, f"get_available_user_{field}_transitions")(
            user
        )}
    return [
        transition for name, transition in declared(type(instance), field).items()
        if can_proceed(getattr(instance, name), check_conditions=False)
        and (user is None or name in allowed)
    ]


def menu(instance, field: str, *, user=None) -> list[dict]:
    """The offered transitions as menus show them, from their declarations: name, label,
    tone, target (label), button, needs_reason, reason_label, missing."""
    states = dict(type(instance)._meta.get_field(field).flatchoices)
    entries = []
    for transition in offered(instance, field, user=user):
        # The step from the instance's state: one method may be declared over many steps.
        transition = _from_state(instance, field, transition.name) or transition
        custom = transition.custom
        target = target_of(instance, transition)
        target_label = str(states.get(target, target)) if target else ""
        if custom["button"]:
            button = custom["button"] % {"target": target_label}
        elif custom["show_target"] and target_label:
            button = f"{custom['label']} ({target_label})"
        else:
            button = custom["label"]
        entries.append({
            "name": transition.name, "label": custom["label"], "tone": custom["tone"],
            "target": target_label, "button": button, "needs_reason": bool(custom["reason"]),
            "reason_label": custom["reason_label"], "confirm": custom.get("confirm"),
            "missing": custom["blockers"](instance, target) if custom["blockers"] else [],
        })
    return entries


@dataclass(frozen=True)
class Machine:
    """A model's state field, its refusal messages and its extra conditions."""

    field: str
    refused: str  # "« %(action)s » not possible from « %(state)s »"
    forbidden: str
    blockers: Callable | None = None  # (instance, transition) -> messages, beside custom's
    # The fields a transition saves beside the state (empty: the whole row). For a row
    # written concurrently elsewhere (a worker's progress), so that a transition never
    # writes back a stale copy of what it did not change.
    fields: tuple[str, ...] = ()


def fire(machine: Machine, instance, name: str, *, by, comment: str = "", details=None,
         at=None):
    """Check, fire ``name`` on ``instance``, save it and log it, in one transaction.

    ``details``: what the transition carries beside its reason, kept in the log;
    ``at``: the moment it happened (a service's ``now``), else the clock."""
    if name not in declared(type(instance), machine.field):
        raise TransitionRefused([_("Action inconnue.")])
    comment = (comment or "").strip()
    method = getattr(instance, name)
    source = getattr(instance, machine.field)
    transition = _from_state(instance, machine.field, name)
    if transition is None or not can_proceed(method, check_conditions=False):
        label = declared(type(instance), machine.field)[name].custom["label"]
        state = getattr(instance, f"get_{machine.field}_display")()
        raise TransitionRefused([machine.refused % {"action": label, "state": state}])
    if not transition.has_perm(instance, by):
        raise PermissionDenied(machine.forbidden)
    custom = transition.custom
    if custom["reason"] and not comment:
        raise TransitionRefused([custom["reason"]])
    missing = [*(custom["blockers"] or (lambda *_: []))(instance, target_of(instance, transition)),
               *(machine.blockers or (lambda *_: []))(instance, transition)]
    if missing:
        raise TransitionRefused(missing)
    with transaction.atomic():
        method(**({"reason": comment} if custom["reason"] else {}))
        instance.save(**({"update_fields": [machine.field, *machine.fields]}
                         if machine.fields else {}))
        log = TransitionLog.objects.create(
            subject=instance, transition=name, source=source,
            target=getattr(instance, machine.field), by=by, at=at or timezone.now(),
            comment=comment, details=details or {},
        )
        transition_fired.send(sender=type(instance), instance=instance, log=log)
        return log
