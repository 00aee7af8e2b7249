from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from dla_ic.formsets import KnownRowsFormSetMixin
from grille.vocabulary import THEMES, Axis

from .models import Criterion, Specification
from .vocabulary import TOTAL_WEIGHT


def theme_choices():
    """Themes grouped by axis, for a grouped checkbox list."""
    return [
        (axis.label, [(theme.code, theme.label) for theme in THEMES if theme.axis == axis])
        for axis in Axis
    ]


class SpecificationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    expected_themes = forms.MultipleChoiceField(
        label=_("Thèmes attendus"), required=False, choices=theme_choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Specification
        fields = [
            "context", "expected_themes", "expected_contents", "rhythm", "duration", "period",
            "place", "logistics", "scenarios", "deliverables", "capitalisation_duties",
            "evaluation", "budget_ceiling", "calendar", "reply_deadline", "how_to_answer",
        ]
        widgets = {
            "reply_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "context", "expected_contents", "rhythm", "place", "logistics", "scenarios",
                    "deliverables", "capitalisation_duties", "evaluation", "calendar",
                    "how_to_answer",
                )
            },
        }


class BaseCriterionFormSet(KnownRowsFormSetMixin, BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        total = sum(data.get("weight") or 0 for data in kept)
        if not kept:
            raise forms.ValidationError(_("Indiquez au moins un critère de choix."))
        if total != TOTAL_WEIGHT:
            raise forms.ValidationError(
                _("Les pondérations totalisent %(total)s %% : elles doivent totaliser 100 %%.")
                % {"total": total}
            )


CriterionFormSet = inlineformset_factory(
    Specification, Criterion, formset=BaseCriterionFormSet, fields=["label", "weight", "position"],
    extra=1, can_delete=True, widgets={"position": forms.HiddenInput},
)
