"""Model formsets that validate their rows in one query.

Django's model formsets validate each row's primary key with its own
``queryset.get()``: one query per row (an N+1 on every formset POST), and
the lookup is not limited to the formset's own rows. ``KnownRowsFormSetMixin``
checks the key against the rows the formset already fetched instead.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class KnownRowField(forms.ModelChoiceField):
    def __init__(self, formset, *args, **kwargs):
        self.formset = formset
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.formset.model._meta.pk.to_python(value)
        except forms.ValidationError:
            key = None
        row = self.formset._existing_object(key) if key is not None else None
        if row is None:
            raise forms.ValidationError(
                _("Cette ligne n'existe plus : rechargez la page."), code="invalid_choice"
            )
        return row


class KnownRowsFormSetMixin:
    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self._pk_field.name
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, KnownRowField):
            form.fields[name] = KnownRowField(
                self, field.queryset, initial=field.initial, required=False, widget=field.widget
            )


class RankField(forms.IntegerField):
    """A row's rank on the page: set by the page's script, never a change of the row
    (a blank row the script numbered stays blank, so it is neither validated nor saved)."""

    def has_changed(self, initial, data):
        return False


class OrderedRowsFormSetMixin:
    """Rows numbered by their place on the page, never by a typed number.

    Build with ``can_order=True``: each row carries Django's ORDER field, hidden here;
    the page's script sets it to the row's rank when rows are added or moved. Without the
    script the rows keep the order they were shown in (existing rows first, then the new
    ones). ``rows_in_order`` gives the saved rows in that order, for the service that
    numbers them."""

    ordering_widget = forms.HiddenInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields[forms.formsets.ORDERING_FIELD_NAME]
        form.fields[forms.formsets.ORDERING_FIELD_NAME] = RankField(
            initial=field.initial, required=False, widget=forms.HiddenInput,
            min_value=0, max_value=10_000,
        )

    def rows_in_order(self) -> list:
        """The rows kept (not deleted, not left blank), in the order the user gave."""
        return [form.instance for form in self.ordered_forms]
