from django import forms
from django.utils.translation import gettext_lazy as _

from cycle.audiences import Visibility
from dla_ic.inputs import Form

from .uploads import ACCEPTED, validate_upload
from .vocabulary import MAX_UPLOAD_BYTES, Category

FILE_HELP = _("Formats %(accepted)s ; %(max)s Mo au plus.") % {
    "accepted": ACCEPTED,
    "max": MAX_UPLOAD_BYTES // (1024 * 1024),
}


def file_field():
    return forms.FileField(label=_("Fichier"), help_text=FILE_HELP)


class VersionForm(Form):
    """A file checked by its content (dla_ic/uploads.py); the forms below add their fields."""

    file = file_field()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        return upload


class DeliverableForm(VersionForm):
    """An intervenant's « livrable »: its category and audience are fixed."""

    title = forms.CharField(label=_("Titre"), max_length=200)
    field_order = ["title", "file"]


class DocumentForm(DeliverableForm):
    category = forms.ChoiceField(label=_("Catégorie"), choices=Category.choices)
    visibility = forms.ChoiceField(
        label=_("Visible par"),
        choices=Visibility.choices,
        initial=Visibility.TEAM,
        widget=forms.RadioSelect,
    )
    field_order = ["title", "category", "visibility", "file"]


class ShareForm(Form):
    visibility = forms.ChoiceField(
        label=_("Visible par"), choices=Visibility.choices, widget=forms.RadioSelect
    )


class DeleteForm(Form):
    reason = forms.CharField(
        label=_("Motif de la suppression"), widget=forms.Textarea(attrs={"rows": 2})
    )
