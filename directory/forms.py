"""Forms of the directory, also used for in-place creation from a project page.

Each form checks the SIRET (format, key, uniqueness) and flags a near-duplicate
name: the first submission answers with a warning listing the similar rows and
a « Je confirme » checkbox; the second, ticked, saves. Render them with
``{% crispy form %}`` inside your own ``<form>`` (``helper.form_tag`` is False).
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from dla_ic.concurrency import VersionedFormMixin
from dla_ic.inputs import Form, ModelForm

from .models import BeneficiaryStructure, Departement, Partner, Prestataire
from .services import near_duplicate_message, similar_names
from .validators import normalize_siret


class DirectoryEntryForm(VersionedFormMixin, ModelForm):
    """Shared behaviour: near-duplicate warning with confirmation, SIRET normalisation."""

    confirm = forms.BooleanField(
        label=_("Je confirme qu'il s'agit d'une nouvelle organisation, pas d'un doublon"),
        required=False,
    )
    detail_url_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar: list = []
        # The checkbox only shows once a similar name was found (or was already ticked).
        if not self.is_bound or not self.data.get(self.add_prefix("confirm")):
            self.fields["confirm"].widget = forms.HiddenInput()
        if "siret" in self.fields:
            # Accept "732 829 320 00074" as typed; clean_siret removes the spaces.
            siret = self.fields["siret"]
            siret.max_length = 20
            siret.validators = [
                v for v in siret.validators if not isinstance(v, MaxLengthValidator)
            ]
            siret.widget.attrs.update(maxlength="20", inputmode="numeric", autocomplete="off")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_siret(self):
        siret = self.cleaned_data.get("siret")
        return normalize_siret(siret) or None if siret else None

    def _post_clean(self):
        super()._post_clean()
        name = self.cleaned_data.get("name")
        if not name or self.cleaned_data.get("confirm"):
            return
        if self.instance.pk and self.initial.get("name") == name:
            return  # an edit that keeps the name raises no new question
        self.similar = similar_names(type(self.instance), name, exclude_pk=self.instance.pk)
        if self.similar:
            names = ", ".join(f"« {row.name} »" for row in self.similar)
            self.fields["confirm"].widget = forms.CheckboxInput()
            self.add_error("confirm", near_duplicate_message(names))

    def similar_links(self) -> list[tuple[str, str]]:
        """(name, url) of each similar row, for templates that want links."""
        return [(row.name, reverse(self.detail_url_name, args=[row.pk])) for row in self.similar]


class PartnerForm(DirectoryEntryForm):
    detail_url_name = "directory:partner_detail"

    class Meta:
        model = Partner
        fields = ["name", "kind", "region", "departement", "contact", "european_social_fund"]


class BeneficiaryStructureForm(DirectoryEntryForm):
    detail_url_name = "directory:structure_detail"

    class Meta:
        model = BeneficiaryStructure
        fields = [
            "name", "legal_form", "siret", "sector", "employees", "aided_jobs", "departement",
            "address", "postal_code", "commune",
        ]
        error_messages = {
            "siret": {"unique": _("Ce SIRET est déjà enregistré dans l'annuaire.")},
        }


class PrestataireForm(DirectoryEntryForm):
    detail_url_name = "directory:prestataire_detail"

    class Meta:
        model = Prestataire
        fields = ["name", "siret", "departement", "email", "approved_regions"]
        widgets = {"approved_regions": forms.CheckboxSelectMultiple}
        error_messages = {
            "siret": {"unique": _("Ce SIRET est déjà enregistré dans l'annuaire.")},
        }


class InvitationForm(Form):
    """Someone to invite into a team: the name as the inviter knows it, the address, and
    the role when the team allows more than one (the roles the inviter may give)."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Courriel"))
    role = forms.ChoiceField(label=_("Rôle"))

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]
            self.fields["role"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.form_tag = False


class IntervenantForm(Form):
    """A firm's intervenant, typed once; the invitation goes out unless unticked."""

    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    email = forms.EmailField(label=_("Courriel"), required=False)
    invite = forms.BooleanField(
        label=_("Lui envoyer une invitation à créer son compte (pour remplir la grille)"),
        required=False, initial=True,
        help_text=_("Il faut son courriel ; son compte sera relié à cette fiche."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class DlaForm(Form):
    """A new DLA départemental: its région is its département's, never asked."""

    name = forms.CharField(label=_("Nom du DLA"), max_length=200)
    carrier = forms.CharField(label=_("Structure porteuse"), max_length=200, required=False)
    departement = forms.ModelChoiceField(
        label=_("Département"), queryset=Departement.objects.none(),
        help_text=_("La région du DLA est celle de son département."),
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        departements = Departement.objects.select_related("region")
        if region is not None:  # a C2RA creates the DLAs of its own region
            departements = departements.filter(region=region)
        self.fields["departement"].queryset = departements
        self.helper = FormHelper()
        self.helper.form_tag = False
