from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from dla_ic.concurrency import MergeableFormMixin, VersionedFormMixin
from dla_ic.formsets import KnownRowsFormSetMixin
from dla_ic.inputs import Form, FrenchDecimalField, ModelForm
from dla_ic.proposals import propose
from grille.vocabulary import THEMES, Axis, InterventionType

from .checks import WEIGHTS_TOTAL
from .models import Criterion, Specification


def theme_choices():
    """Themes grouped by axis, for a grouped checkbox list."""
    return [
        (axis.label, [(theme.code, theme.label) for theme in THEMES if theme.axis == axis])
        for axis in Axis
    ]


class SpecificationForm(VersionedFormMixin, ModelForm):
    expected_themes = forms.MultipleChoiceField(
        label=_("Thèmes attendus"), required=False, choices=theme_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    intervention_types = forms.MultipleChoiceField(
        label=_("Types d'intervention"), required=False, choices=InterventionType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Specification
        fields = [
            "context", "expected_themes", "expected_contents", "expected_team", "work_method",
            "intervention_types", "rhythm", "duration", "period",
            "place", "logistics", "scenarios", "deliverables", "capitalisation_duties",
            "evaluation", "budget_ceiling", "calendar", "reply_deadline", "how_to_answer",
        ]
        field_classes = {"budget_ceiling": FrenchDecimalField}
        widgets = {
            "reply_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "context", "expected_contents", "expected_team", "rhythm", "place",
                    "logistics", "scenarios", "deliverables", "capitalisation_duties",
                    "evaluation", "calendar", "how_to_answer",
                )
            },
        }

    def __init__(self, *args, amending=False, **kwargs):
        super().__init__(*args, **kwargs)
        self._propose_ceiling()
        if amending:  # issued: a change is an avenant, sent to the candidates with its reason
            self.fields["amendment_reason"] = forms.CharField(
                label=_("Motif de l'avenant"), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Envoyé aux prestataires invités avec la nouvelle version."),
            )


    def _propose_ceiling(self):
        """The IC's budget (its tranches' total) is the ceiling until someone types one."""
        project = self.instance.project if self.instance.project_id else None
        total = project.budget_totals()["amount"] if project else None
        propose(self, "budget_ceiling", total or None, source=_(
            "Proposé d'après le budget d'intervention de l'IC (total de ses tranches)."
        ))


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
        if not WEIGHTS_TOTAL.met(total):
            # The rule is checks.WEIGHTS_TOTAL; its wording here differs (« des critères »
            # left out) because tests/monographs/test_specification.py asserts this one
            # while tests/tenders/test_opening.py asserts the rule's: see issue 14.
            raise forms.ValidationError(
                _("Les pondérations totalisent %(total)s %% : elles doivent totaliser 100 %%.")
                % {"total": total}
            )


class CriterionForm(MergeableFormMixin, ModelForm):
    """A criterion row: merged row by row after a conflict (dla_ic.concurrency)."""


def criterion_formset(extra: int = 1):
    return inlineformset_factory(
        Specification, Criterion, form=CriterionForm, formset=BaseCriterionFormSet,
        fields=["label", "weight", "position"], extra=extra, can_delete=True,
        widgets={"position": forms.HiddenInput},
    )


CriterionFormSet = criterion_formset()


class CarnetFilterForm(Form):
    """Choose monographs by region, sector, IC type and year (GET)."""

    region = forms.ModelChoiceField(
        label=_("Région"), required=False, queryset=None, empty_label=_("Toutes")
    )
    sector = forms.ModelChoiceField(
        label=_("Secteur"), required=False, queryset=None, empty_label=_("Tous")
    )
    ic_type = forms.ChoiceField(label=_("Type d'IC"), required=False)
    year = forms.IntegerField(label=_("Année de lancement"), required=False, min_value=1990)
    # The C2RA's picks in the library (DisseminationMark): a carnet compiled from them.
    marked = forms.BooleanField(label=_("Seulement les monographies « à diffuser »"),
                                required=False)

    def __init__(self, *args, **kwargs):
        from cycle.vocabulary import ICType
        from directory.models import Region, Sector

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.all()
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["ic_type"].choices = [("", _("Tous")), *ICType.choices]

    def filter(self, projects):
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["region"]:
            projects = projects.filter(pilotages__organisation__region=data["region"])
        if data["sector"]:
            projects = projects.filter(sectors=data["sector"])
        if data["ic_type"]:
            projects = projects.filter(ic_type=data["ic_type"])
        if data["year"]:
            projects = projects.filter(launched_on__year=data["year"])
        if data["marked"]:
            projects = projects.filter(dissemination_mark__isnull=False)
        return projects.distinct()


class CarnetForm(Form):
    title = forms.CharField(label=_("Titre du carnet"), max_length=200)
    projects = forms.ModelMultipleChoiceField(
        label=_("Monographies"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une monographie.")},
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = projects
        self.candidates = list(projects.order_by("title"))
        # One rank per monograph: the carnet prints them in this order.
        for position, project in enumerate(self.candidates, start=1):
            self.fields[f"rang_{project.pk}"] = forms.IntegerField(
                label=_("Rang de « %(title)s »") % {"title": project.title},
                required=False, min_value=1, max_value=999, initial=position,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
                error_messages={"min_value": _("Le rang commence à 1."),
                                "invalid": _("Indiquez un rang : 1, 2, 3…")},
            )

    def rows(self):
        """(checkbox, rank field, project) for each candidate, in the page's order."""
        boxes = {int(str(box.data["value"])): box for box in self["projects"]}
        return [(boxes[p.pk], self[f"rang_{p.pk}"], p) for p in self.candidates if p.pk in boxes]

    def ordered_projects(self) -> list:
        """The chosen monographs by rank, then title (ties and blank ranks keep title order)."""
        chosen = self.cleaned_data["projects"]
        def key(project):
            rank = self.cleaned_data.get(f"rang_{project.pk}")
            return (rank if rank is not None else 1000, project.title)
        return sorted(chosen, key=key)
