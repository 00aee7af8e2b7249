from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import Channel


class PreferencesForm(forms.Form):
    """One choice of channel per registered kind, its default named after the role."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            kind = row["kind"]
            default = Channel(row["default"]).label
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                initial=row["channel"],
                widget=forms.RadioSelect,
                help_text=_("%(description)s Par défaut pour votre rôle : %(default)s.")
                % {"description": kind.description, "default": default},
            )
