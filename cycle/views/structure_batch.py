"""« Ajouter plusieurs structures » on the Acteurs tab: several structures absent from
the directory typed in one form (rows added and removed in place), created and added
to the IC in one go (services.create_and_add_structures): all or none."""

from django import forms
from django.core.exceptions import ValidationError

from .. import services
from .actor_forms import new_structures_formset


def _row(form) -> dict:
    """A row's data for the service: the directory's fields and the confirmation."""
    data = form.cleaned_data
    fields = {name: value for name, value in data.items() if name not in {"confirm", "version"}}
    return {**fields, "confirmed": bool(data.get("confirm"))}


def _put_back(rows, errors: dict) -> None:
    """The service's refusals, each beside its row's field."""
    for index, by_field in errors.items():
        form = rows[index]
        for field, messages in by_field.items():
            field = field if field in form.fields else None
            if field == "confirm":  # a near name: the box to tick shows
                form.fields["confirm"].widget = forms.CheckboxInput()
            for message in messages:
                form.add_error(field, message)


def create_structures(project, data):
    """Run the posted rows through the service. The formset answered: None when done
    (the blank form is shown again), else bound, with every row as typed and its errors."""
    formset = new_structures_formset(project, data)
    if not formset.is_valid():
        return formset
    rows = formset.filled()
    try:
        services.create_and_add_structures(project, rows=[_row(form) for form in rows])
    except services.RowsRefused as refused:
        _put_back(rows, refused.errors)
        return formset
    except ValidationError as refused:
        formset.non_form_errors().extend(refused.messages)
        return formset
    return None
