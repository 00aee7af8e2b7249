"""The invitee's form: their name (prefilled from the invitation) and a password."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from dla_ic.inputs import Form

from .models import Invitation


class AcceptInvitationForm(Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    password1 = forms.CharField(
        label=_("Mot de passe"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, invitation: Invitation, *args, **kwargs):
        kwargs["initial"] = {
            "first_name": invitation.first_name, "last_name": invitation.last_name,
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and password != cleaned.get("password2"):
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password:
            # The validators compare the password with the name and address being saved.
            tentative = get_user_model()(
                username=self.invitation.email, email=self.invitation.email,
                first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, tentative)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
