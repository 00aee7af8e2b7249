"""One optimistic-concurrency mechanism for every edit, at the model layer.

Each editable model carries ``version = AutoIncVersionField()`` (django-concurrency):
a save made from a copy older than the row raises ``RecordModifiedError``, whoever
saves (a service, the admin through ``ConcurrentModelAdmin``, a shell). Forms mix in
``VersionedFormMixin``: the version the user started from travels in a hidden field,
and every field's displayed value as a hidden initial (``show_hidden_initial``), so
after a refusal the form knows, field by field, what this user changed and what the
other person saved. ``resolve_conflict`` then keeps the user's input, takes the other
person's value for the fields this user left alone, lists the fields both changed
(``form.conflicts``, with a per-field choice) and moves the form to the fresh version:
the next save is a deliberate merge, never a silent revert.
"""

from dataclasses import dataclass, field

from concurrency.admin import ConcurrentModelAdmin
from concurrency.api import get_version_fieldname
from concurrency.exceptions import RecordModifiedError
from concurrency.forms import ConcurrentForm
from django import forms
from django.db import transaction
from django.http import QueryDict
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

__all__ = [
    "MergeableFormMixin", "RecordModifiedError", "VersionedAdmin", "VersionedFormMixin",
    "save_versioned",
]

CONFLICT_MESSAGE = _(
    "Quelqu'un d'autre a enregistré ces données pendant que vous les modifiiez. Votre "
    "saisie est conservée ; ce que l'autre personne a enregistré est indiqué champ par "
    "champ : choisissez la valeur à garder, puis enregistrez de nouveau."
)
MINE, THEIRS = "mienne", "leur"


def save_versioned(instance, version, **kwargs):
    """Save ``instance`` as edited from ``version``; RecordModifiedError if saved since."""
    if version is not None:
        instance.version = version
    if kwargs.get("update_fields") is not None:  # without it the version would not move
        kwargs["update_fields"] = [*kwargs["update_fields"], "version"]
    with transaction.atomic():  # a refusal rolls back this save only, not the caller's work
        instance.save(**kwargs)
    return instance


@dataclass
class FieldChange:
    """A field the other person saved: their value, and this user's if both changed it."""

    label: str
    theirs: str
    mine: str = ""
    choice_name: str = ""
    theirs_name: str = ""
    theirs_raw: list = field(default_factory=list)


def _display(bound, value) -> str:
    """A cleaned value as the user reads it."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, bool):
        return str(_("Oui") if value else _("Non"))
    if hasattr(value, "all"):  # a queryset
        value = list(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_display(bound, item) for item in value)
    choices = getattr(bound.field, "choices", None)
    if choices is not None and not hasattr(value, "pk"):
        labels = {str(k): v for k, v in bound.field.widget.choices if not isinstance(v, list)}
        return str(labels.get(str(value), value))
    if hasattr(value, "year"):
        return formats.localize(value)
    return str(value)


def _raw(bound) -> list[str]:
    """An unbound field's value as a browser would post it (a list, for setlist)."""
    value, widget = bound.value(), bound.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return ["true" if value else "false"]
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    value = widget.format_value(value)
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [] if value is None else [str(value)]


def _posted(bound, values: list):
    """Posted strings as the field's widget reads them: a list, or one value (or None)."""
    if getattr(bound.field.widget, "allow_multiple_selected", False):
        return values
    return values[0] if values else None


def _shown(bound, raw) -> str:
    """The other person's posted value, cleaned by the field, as the user reads it."""
    try:
        return _display(bound, bound.field.clean(_posted(bound, raw)))
    except forms.ValidationError:
        return ", ".join(raw) or "—"


def _mutable(data) -> QueryDict:
    if isinstance(data, QueryDict):
        return data.copy()
    copy = QueryDict(mutable=True)
    for key, value in data.items():
        copy.setlist(key, value if isinstance(value, list) else [value])
    return copy


class MergeableFormMixin:
    """A form that knows, per field, the value its page showed (hidden initials), so it
    can merge with what someone else saved since (also for a formset's rows)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts, self.taken = [], []
        if self.is_bound:
            self._apply_choices()

    def edited_names(self):
        return [n for n, f in self.fields.items()
                if n != "version" and not f.disabled and not f.widget.is_hidden]

    def _apply_choices(self):
        """The user chose the other person's value for a field: post it as theirs."""
        data = None
        for name in self.edited_names():
            bound = self[name]
            if self.data.get(f"{MINE}-{THEIRS}-{bound.html_name}") == THEIRS:
                data = data or _mutable(self.data)
                data.setlist(bound.html_name, self.data.getlist(f"{THEIRS}-{bound.html_name}"))
        if data is not None:
            self.data = data

    def initial_hidden(self):
        """Per field, the value the user started from (hidden inputs). Rendered once
        here, not by each widget: crispy draws radios and checkboxes itself."""
        inputs = []
        for name in self.edited_names():
            bound = self[name]
            raw = (self.data.getlist(bound.html_initial_name) if self.is_bound
                   else _raw(bound))
            inputs += [format_html('<input type="hidden" name="{}" value="{}">',
                                   bound.html_initial_name, value) for value in raw]
        return mark_safe("".join(inputs))  # noqa: S308 (each piece escaped by format_html)

    def _changed_here(self, bound, data) -> bool:
        """Whether this user changed the field from the value the page showed."""
        base = _posted(bound, data.getlist(bound.html_initial_name))
        try:
            base = bound.field.to_python(base)
        except forms.ValidationError:
            return True
        return bound.field.has_changed(base, bound.data)

    def merge_with(self, theirs, label_prefix="") -> None:
        """Keep this user's changes, take the other person's where this user changed
        nothing, list the fields both changed; ``theirs``: an unbound form of the fresh row."""
        data = _mutable(self.data)
        for name in self.edited_names():
            mine, other = self[name], theirs[name]
            their_value, raw = other.initial, _raw(other)
            base = _posted(mine, data.getlist(mine.html_initial_name))
            if mine.field.has_changed(their_value, base):
                label = f"{label_prefix}{mine.label}"
                change = FieldChange(label=label, theirs=_shown(mine, raw))
                if not self._changed_here(mine, data):  # untouched here: take theirs
                    data.setlist(mine.html_name, raw)
                    self.taken.append(change)
                elif mine.field.has_changed(their_value, mine.data):  # both changed it
                    change.mine = _display(mine, self.cleaned_data.get(name))
                    change.choice_name = f"{MINE}-{THEIRS}-{mine.html_name}"
                    change.theirs_name = f"{THEIRS}-{mine.html_name}"
                    change.theirs_raw = raw
                    self.conflicts.append(change)
            data.setlist(mine.html_initial_name, raw)
        self.data = data


class VersionedFormMixin(MergeableFormMixin):
    """For a form editing a versioned row (see the module's docstring)."""

    # Without a posted version the row as loaded is the reference (a post from elsewhere
    # than our pages, which all send it); a form may require it.
    version_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk:  # a new row has nothing to be stale against
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, required=self.version_required
            )
        if instance is not None and instance.pk:
            self.initial.setdefault("version", instance.version)

    @property
    def version(self):
        return self.cleaned_data.get("version")

    def versioned_hidden(self):
        """The version and, per field, the value the user started from (hidden inputs)."""
        version = str(self["version"]) if "version" in self.fields else ""
        return mark_safe(version + self.initial_hidden())  # noqa: S308

    def resolve_conflict(self, theirs, version, message=CONFLICT_MESSAGE, formsets=()) -> None:
        """After RecordModifiedError: merge with ``theirs`` (an unbound form of the fresh
        row) and move to its ``version``; ``formsets``: (bound, fresh unbound, row label)
        of the rows edited on the same page, merged row by row."""
        self.merge_with(theirs)
        for formset, fresh, label in formsets:
            fresh_rows = {f.instance.pk: f for f in fresh.initial_forms}
            for index, row in enumerate(formset.initial_forms, start=1):
                if (other := fresh_rows.get(row.instance.pk)) is not None:
                    row.merge_with(other, f"{label} {index} – ")
                    self.conflicts += row.conflicts
                    self.taken += row.taken
        data = _mutable(self.data)
        data[self.add_prefix("version")] = str(version)
        self.data = data
        self.add_error(None, str(message))

ADMIN_CONFLICT = _(
    "Quelqu'un d'autre a enregistré cette fiche depuis que vous l'avez ouverte : rien n'a été "
    "enregistré. Ouvrez-la de nouveau dans un autre onglet pour voir sa version actuelle."
)


class VersionedAdminForm(ConcurrentForm):
    """django-concurrency's admin form (signed version), refusing in French."""

    def clean(self):
        # The library's own check answers in English: the same check, through its public API.
        if self.instance.pk:
            name = get_version_fieldname(self.instance)
            posted = self.cleaned_data.get(name)
            rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
            if posted and not rows.filter(**{name: posted}).exists():
                self.add_error(None, str(ADMIN_CONFLICT))
        return forms.ModelForm.clean(self)


class VersionedAdmin(ConcurrentModelAdmin):
    """Mix first into a ModelAdmin of a versioned model: the admin obeys the lock too."""

    form = VersionedAdminForm
