"""The ICs an entry of the directory took part in, as the app of the IC tells them.

The directory sits below the IC: it never imports it. The IC's app registers, from its
``AppConfig.ready()``, how to count and list the ICs a user may see for each kind of
entry (cycle/apps.py); until then an entry has none.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import IntegerField, QuerySet, Value


@dataclass(frozen=True)
class EntryICs:
    count: Callable  # user -> expression: how many visible ICs the outer row took part in
    listing: Callable  # (user, entry) -> the entry's rows in the visible ICs


_REGISTRY: dict[type, EntryICs] = {}


def register(model: type, *, count: Callable, listing: Callable) -> None:
    _REGISTRY[model] = EntryICs(count=count, listing=listing)


def ic_count(user, model: type):
    reads = _REGISTRY.get(model)
    return reads.count(user) if reads else Value(0, output_field=IntegerField())


def entry_ics(user, entry) -> QuerySet | list:
    reads = _REGISTRY.get(type(entry)._meta.concrete_model)
    return reads.listing(user, entry) if reads else []


# --- actions a higher app offers on the directory's lists (imports: « Importer »).
@dataclass(frozen=True)
class ListAction:
    label: str
    url_name: str
    permission: str


_LIST_ACTIONS: list[ListAction] = []


def register_list_action(*, label, url_name: str, permission: str) -> None:
    action = ListAction(label=label, url_name=url_name, permission=permission)
    if action not in _LIST_ACTIONS:
        _LIST_ACTIONS.append(action)


def list_actions(user) -> list[ListAction]:
    return [action for action in _LIST_ACTIONS if user.has_perm(action.permission)]
