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
