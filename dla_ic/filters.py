"""What the filter bars of the dashboard and the directory share."""

from django import forms

from .inputs import Form


class FilterForm(Form):
    """A filter bar's form: Bootstrap classes set once here, not by a template pack.

    Filter bars are on every list page; crispy's field template was a quarter of it.
    A field with an error is marked invalid and points to its message, which the
    template prints beside it with the id ``<field id>-erreurs``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-describedby"] = f"{self[name].auto_id}-erreurs"
