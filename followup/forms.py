"""The questionnaire's form, built from the questions declared in .questions."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from dla_ic.inputs import Form, FrenchDecimalField

from .questions import QUESTIONS, Kind

NOT_A_NUMBER = _("Saisissez un nombre, par exemple 3,5.")
NOT_A_WHOLE_NUMBER = _("Saisissez un nombre entier, par exemple 12.")
NEGATIVE = _("Saisissez un nombre positif ou nul.")
MONEY_MAX = Decimal("999999999999")  # a structure's budget: under a thousand billion euros


def _field(question) -> forms.Field:
    common = {"label": question.label, "help_text": question.help_text, "required": False}
    if question.kind == Kind.DECIMAL:
        signed = question.code == "result" or question.code == "own_funds"
        return FrenchDecimalField(
            max_digits=14, decimal_places=question.places,
            min_value=None if signed else 0, max_value=MONEY_MAX,
            error_messages={"invalid": NOT_A_NUMBER, "min_value": NEGATIVE,
                            "max_decimal_places": _("Au plus %(max)s chiffre(s) après la "
                                                    "virgule."),
                            "max_digits": _("Ce nombre est trop grand."),
                            "max_whole_digits": _("Ce nombre est trop grand."),
                            "max_value": _("Ce nombre est trop grand.")},
            **common,
        )
    if question.kind == Kind.INTEGER:
        return forms.IntegerField(
            min_value=0, max_value=1_000_000,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            error_messages={"invalid": NOT_A_WHOLE_NUMBER, "min_value": NEGATIVE,
                            "max_value": _("Ce nombre est trop grand.")},
            **common,
        )
    if question.kind == Kind.CHOICE:
        return forms.ChoiceField(
            choices=question.choices, widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choisissez l'une des réponses proposées.")},
            **common,
        )
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common)


class QuestionnaireForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.code] = _field(question)
        self.order_fields([q.code for q in QUESTIONS])

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(q.code) not in (None, "") for q in QUESTIONS) and not self.errors:
            raise forms.ValidationError(_("Répondez à au moins une question."))
        return cleaned
