from django import forms
from django.utils.translation import gettext_lazy as _

from cycle.audiences import Visibility, writable_levels
from dla_ic import inputs

from . import uploads

BODY_MAX = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files, each validated by its content (``uploads.validate``)."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        errors = []
        for upload in files:
            try:
                uploads.validate(upload)
            except forms.ValidationError as error:
                errors.append(
                    forms.ValidationError(
                        "%(name)s : %(error)s",
                        params={"name": upload.name, "error": " ".join(error.messages)},
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return files


class MessageForm(inputs.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Texte simple ; les liens deviennent cliquables ; « @identifiant » "
            "prévient une personne qui voit le message."
        ),
    )
    visibility = forms.ChoiceField(label=_("Visible par"))
    files = AttachmentsField(
        label=_("Pièces jointes"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": uploads.ACCEPT}),
        help_text=_("PDF, documents bureautiques ou images, 10 Mo au plus chacun."),
    )

    def __init__(self, *args, levels, initial_level=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = writable_levels(levels)
        self.fields["visibility"].choices = choices
        values = [value for value, _label in choices]
        default = initial_level if initial_level in values else None
        if default is None:  # the narrowest level the writer shares with someone
            default = Visibility.TEAM if Visibility.TEAM in values else next(iter(values), None)
        self.fields["visibility"].initial = default

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Le message est vide."))
        return body


class ThreadForm(MessageForm):
    subject = forms.CharField(label=_("Sujet"), max_length=200)
    field_order = ["subject", "body", "visibility", "files"]

    def clean_subject(self):
        subject = self.cleaned_data["subject"].strip()
        if not subject:
            raise forms.ValidationError(_("Donnez un sujet à la discussion."))
        return subject


class NoteForm(inputs.Form):
    body = forms.CharField(
        label=_("Note privée"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible de l'équipe DLA seulement : jamais du prestataire ni des structures."),
    )
    participation = forms.ModelChoiceField(
        label=_("À propos de"),
        required=False,
        queryset=None,
        empty_label=_("L'IC dans son ensemble"),
    )

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = participations
        self.fields["participation"].label_from_instance = lambda p: p.structure.name

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("La note est vide."))
        return body
