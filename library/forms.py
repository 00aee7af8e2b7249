from django import forms
from django.utils.translation import gettext_lazy as _

from cycle.vocabulary import ICType, TerritorialScale
from dla_ic.inputs import Form
from grille.vocabulary import THEMES, Axis


def _theme_choices():
    return [
        ("", _("Tous")),
        *((axis.label, [(t.code, t.label) for t in THEMES if t.axis == axis]) for axis in Axis),
    ]


class LibrarySearchForm(Form):
    """The search (GET): words, then facets; an invalid facet is said beside it, not a 500."""

    q = forms.CharField(label=_("Mots recherchés"), required=False, max_length=200)
    axis = forms.ChoiceField(label=_("Axe"), required=False)
    theme = forms.ChoiceField(label=_("Thème"), required=False, choices=_theme_choices)
    sector = forms.ModelChoiceField(
        label=_("Secteur"), required=False, queryset=None, empty_label=_("Tous")
    )
    ic_type = forms.ChoiceField(label=_("Type d'IC"), required=False)
    territorial_scale = forms.ChoiceField(label=_("Échelle territoriale"), required=False)
    year = forms.IntegerField(
        label=_("Année de lancement"), required=False, min_value=1990, max_value=2100
    )
    marked = forms.BooleanField(label=_("À diffuser seulement"), required=False)

    def __init__(self, *args, **kwargs):
        from directory.models import Sector

        super().__init__(*args, **kwargs)
        self.fields["axis"].choices = [("", _("Tous")), *Axis.choices]
        self.fields["ic_type"].choices = [("", _("Tous")), *ICType.choices]
        self.fields["territorial_scale"].choices = [("", _("Toutes")), *TerritorialScale.choices]
        self.fields["sector"].queryset = Sector.objects.all()

    @property
    def criteria(self) -> dict | None:
        """The criteria given; None when one is invalid (nothing is searched, the page
        says why beside the field)."""
        if not self.is_valid():
            return None
        return {name: value for name, value in self.cleaned_data.items() if value}
