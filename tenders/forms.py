from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Prestataire
from dla_ic.inputs import Form, FrenchDecimalField
from workflows.machines import declared, labels

from .deadlines import RULE
from .models import CallForTender, Invitation
from .uploads import validate_pdf
from .vocabulary import SCORE_LABELS

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FirmChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, regions=(), **kwargs):
        self.regions = set(regions)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, firm):
        approved = {r.code for r in firm.approved_regions.all()} & self.regions
        if approved:
            return str(firm)
        return _("%(firm)s – hors de la liste des prestataires référencés de la région") % {
            "firm": firm
        }


class CallForm(Form):
    prestataires = FirmChoiceField(
        label=_("Prestataires invités"), queryset=Prestataire.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    intent_deadline = forms.DateTimeField(
        label=_("Date limite pour annoncer une réponse"), widget=DATETIME,
        help_text=_("Heure de Paris."),
    )
    reply_deadline = forms.DateTimeField(
        label=_("Date limite de dépôt des offres"), widget=DATETIME,
        help_text=RULE,
    )
    may_contact_structures = forms.BooleanField(
        label=_("Les candidats peuvent contacter les structures bénéficiaires"), required=False
    )
    structures_score = forms.BooleanField(
        label=_("Des représentants des structures engagées notent aussi les offres"),
        required=False,
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["prestataires"]
        field.regions = set(regions)
        field.queryset = Prestataire.objects.prefetch_related("approved_regions")


def reason_label(model, field: str, name: str):
    """The reason's label as the transition declares it."""
    return declared(model, field)[name].custom["reason_label"]


ANSWERS = labels(Invitation, "status")


class IntentForm(Form):
    will_answer = forms.TypedChoiceField(
        label=_("Votre réponse"), coerce=lambda v: v == "oui",
        choices=[("oui", ANSWERS["will_answer"]), ("non", ANSWERS["decline"])],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=reason_label(Invitation, "status", "decline"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhaseForm(Form):
    title = forms.CharField(label=_("Phase"), max_length=200)
    days = FrenchDecimalField(label=_("Jours"), max_digits=5, decimal_places=1, min_value=0.5)


PhaseFormSet = forms.formset_factory(
    PhaseForm, extra=0, min_num=1, validate_min=True, can_delete=True
)


class OfferForm(Form):
    method = forms.CharField(label=_("Méthode proposée"), widget=forms.Textarea(attrs={"rows": 5}))
    price = FrenchDecimalField(
        label=_("Prix (€ TTC)"), max_digits=12, decimal_places=2, min_value=0
    )
    intervenants = forms.ModelMultipleChoiceField(
        label=_("Intervenants"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    file = forms.FileField(
        label=_("Offre détaillée (PDF, 10 Mo au plus)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, firm, file_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervenants"].queryset = firm.intervenants.all()
        self.fields["file"].required = file_required
        if not file_required:
            self.fields["file"].help_text = _("Sans nouveau fichier, le précédent est conservé.")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_pdf(upload)
        return upload


class SheetForm(Form):
    """A score per criterion (0–5) and a comment."""

    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        # Numbered as in the criteria legend; the weight beside, not in brackets (labels
        # often hold their own: « Prix (coût global) »).
        for number, criterion in enumerate(criteria, start=1):
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=f"C{number} – {criterion.label}", coerce=int,
                help_text=_("Poids : %(weight)s %%") % {"weight": criterion.weight},
                choices=[("", "—"), *SCORE_LABELS.items()],
            )
        self.order_fields([*(f"c{c.pk}" for c in criteria), "comment"])

    def values(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class ScorerForm(Form):
    name = forms.CharField(label=_("Nom du représentant"), max_length=200)
    structure = forms.ModelChoiceField(label=_("Structure représentée"), queryset=None)

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures


class SelectionForm(Form):
    offers = forms.ModelMultipleChoiceField(
        label=_("Offres retenues"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    reasons = forms.CharField(
        label=reason_label(CallForTender, "state", "sign"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers
        self.fields["offers"].label_from_instance = lambda o: str(o.invitation.prestataire)


class ExtendForm(Form):
    reply_deadline = forms.DateTimeField(
        label=_("Nouvelle date limite de dépôt des offres"), widget=DATETIME, help_text=RULE
    )
    intent_deadline = forms.DateTimeField(
        label=_("Nouvelle date limite pour annoncer une réponse"), widget=DATETIME,
        required=False, help_text=_("Laissez vide pour la garder."),
    )
    reason = forms.CharField(
        label=reason_label(CallForTender, "state", "extend"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Envoyé à chaque prestataire invité."),
    )


class CancelForm(Form):
    reason = forms.CharField(
        label=reason_label(CallForTender, "state", "cancel"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Envoyé à chaque prestataire invité."),
    )


class FirmContactsForm(Form):
    """What the firm's tender mail goes to: its address and the intervenant's own."""

    firm_email = forms.EmailField(label=_("Courriel du cabinet"))
    own_email = forms.EmailField(label=_("Votre courriel"), required=False)
