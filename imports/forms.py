from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Données à importer"))
    file = forms.FileField(
        label=_("Fichier"), help_text=_("Classeur Excel (.xlsx) ou CSV, 10 Mo au plus."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (code, kind.label) for code, kind in KINDS.items()
            if user.has_perm("imports.import_kind", kind)
        ]


class MappingForm(forms.Form):
    """For each of the kind's columns, the file's column it is read from (or none)."""

    def __init__(self, *args, kind, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— non importée —"))] + [
            (str(i), header or f"({i + 1})") for i, header in enumerate(headers)
        ]
        for column in kind.columns:
            self.fields[column.field] = forms.ChoiceField(
                label=column.header, choices=choices, required=False,
            )

    def mapping(self) -> dict:
        return {f: int(v) for f, v in self.cleaned_data.items() if v not in ("", None)}
