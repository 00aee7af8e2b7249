from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class SubjectForm(forms.Form):
    """Whose data: an account, or an e-mail (a structure contact, an intervenant...)."""

    user = forms.ModelChoiceField(
        get_user_model().objects.order_by("last_name", "first_name", "username"),
        label=_("Compte utilisateur"), required=False,
    )
    email = forms.EmailField(label=_("ou courriel"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("email"):
            raise forms.ValidationError(_("Choisissez un compte ou saisissez un courriel."))
        return data
