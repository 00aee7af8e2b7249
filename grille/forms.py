"""The three part forms of the grille, built from grille.vocabulary.

The forms only clean input; grille.services writes it (with the version check).
Every field is optional for a draft: completeness is reported by
grille.selectors.missing, not enforced on save, so nothing typed is refused
for being incomplete. What is refused is what is wrong (too long, absurd days,
a phase without title…), with a French message beside the field.
"""


from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from dla_ic.concurrency import VersionedFormMixin
from dla_ic.inputs import Form, HalfDaysField
from dla_ic.proposals import propose
from meetings.attendance import DAY_RULE

from .models import Grille
from .vocabulary import (
    DAYS_MAX,
    LABEL_MAX,
    MAIN,
    MONTHS_MAX,
    QUESTIONS,
    TEXT_MAX,
    THEMES_BY_CODE,
    TITLE_MAX,
    Answer,
    Axis,
    InterventionMode,
    InterventionType,
    Part,
    WorkMethod,
    themes_of,
)

ROWS = 3


def _label(name: str) -> str:
    label = str(Grille._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def text_field(label, *, rows=ROWS, help_text="", max_length=TEXT_MAX):
    return forms.CharField(
        label=label, required=False, max_length=max_length, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def choice_field(label, choices, *, multiple=False):
    if multiple:
        return forms.MultipleChoiceField(
            label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    return forms.ChoiceField(
        label=label, required=False, choices=[("", _("Non renseigné")), *choices],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


def _is_plan(name: str) -> bool:
    return name.startswith("plan_") and name[5:].isdigit()


class VersionedForm(VersionedFormMixin, Form):
    """Carries the grille version the user started from (see GrilleConflict)."""

    version_required = True

    def __init__(self, *args, sheet=None, **kwargs):
        self.sheet = sheet
        super().__init__(*args, **kwargs)


class PresentationForm(VersionedForm):
    part = Part.PRESENTATION
    partnership_conception = text_field(_label("partnership_conception"))
    partnership_implementation = text_field(_label("partnership_implementation"))
    intervenant_system = text_field(
        _label("intervenant_system"),
        help_text=_("Un ou plusieurs intervenants, intervenants ponctuels, comités…"),
    )
    roles_split = text_field(_label("roles_split"))
    type_wording = forms.CharField(
        label=_label("type_wording"), max_length=TITLE_MAX, required=False,
        help_text=Grille._meta.get_field("type_wording").help_text,
    )

    @staticmethod
    def initial_from(sheet):
        g = sheet.grille
        return {name: getattr(g, name) for name in PresentationForm.base_fields}


class ActionsForm(VersionedForm):
    part = Part.ACTIONS

    intervention_mode = choice_field(_label("intervention_mode"), InterventionMode.choices)
    duration_months = forms.IntegerField(
        label=_label("duration_months"), required=False, min_value=1, max_value=MONTHS_MAX,
        error_messages={
            "invalid": _("Indiquez un nombre entier de mois."),
            "min_value": _("La durée est d'au moins un mois."),
            "max_value": _("La durée ne peut dépasser %(limit_value)s mois."),
        },
    )
    course_description = text_field(
        _label("course_description"),
        help_text=_("Alternance des temps collectifs et individuels, lieux, rythme…"),
    )
    days_detail = text_field(
        _label("days_detail"), help_text=_("Par exemple : 5 demi-journées et 10 réunions de 2 h.")
    )
    work_method = choice_field(_label("work_method"), WorkMethod.choices)
    intervention_types = choice_field(
        _("Types d'intervention"), InterventionType.choices, multiple=True
    )
    plan_link = text_field(_label("plan_link"))
    restitution_on = forms.DateField(
        label=_label("restitution_on"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Saisissez une date valide (jj/mm/aaaa).")},
    )
    restitution_attendees = text_field(_label("restitution_attendees"))
    restitution_takeaways = text_field(_label("restitution_takeaways"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for axis in Axis:
            self.fields[f"themes_{axis.value}"] = choice_field(
                axis.label, [(t.code, t.label) for t in themes_of(axis)], multiple=True
            )
            self.fields[f"free_themes_{axis.value}"] = text_field(
                _("Autres thèmes (un par ligne)"), rows=2
            )
        for participation in self.sheet.facts.participations if self.sheet else ():
            self.fields[f"plan_{participation.pk}"] = text_field(
                str(participation.structure), rows=2
            )

    def propose_themes(self, codes) -> None:
        """Tick the themes the cahier des charges expects (the grille has none yet)."""
        known = [THEMES_BY_CODE[code] for code in codes if code in THEMES_BY_CODE]
        for axis in Axis:
            propose(self, f"themes_{axis.value}",
                    [theme.code for theme in known if theme.axis == axis],
                    source=_("Proposés d'après les thèmes attendus du cahier des charges."))

    def axis_rows(self):
        return [
            (axis.label, self[f"themes_{axis.value}"], self[f"free_themes_{axis.value}"])
            for axis in Axis
        ]

    def plan_rows(self):
        return [self[name] for name in self.fields if _is_plan(name)]

    def _clean_free(self, axis):
        lines = [line.strip() for line in self.cleaned_data.get(f"free_themes_{axis}", "")
                 .splitlines() if line.strip()]
        if any(len(line) > TITLE_MAX for line in lines):
            self.add_error(
                f"free_themes_{axis}",
                _("Chaque thème tient sur une ligne de %(max)s caractères au plus.")
                % {"max": TITLE_MAX},
            )
        return lines

    def clean(self):
        cleaned = super().clean()
        themes = []
        for axis in Axis:
            themes += [(axis.value, code, "") for code in cleaned.get(f"themes_{axis.value}", [])]
            themes += [(axis.value, "", label) for label in dict.fromkeys(self._clean_free(axis))]
        self.themes = themes
        self.plan_links = {
            int(name[5:]): cleaned.get(name, "")
            for name in self.fields
            if _is_plan(name)
        }
        return cleaned

    @staticmethod
    def initial_from(sheet):
        g = sheet.grille
        initial = {
            name: getattr(g, name)
            for name in ActionsForm.base_fields
            if name not in {"version"}
        }
        for axis in Axis:
            themes = [t for t in sheet.themes if t.axis == axis]
            initial[f"themes_{axis.value}"] = [t.code for t in themes if t.code]
            initial[f"free_themes_{axis.value}"] = "\n".join(
                t.free_label for t in themes if not t.code
            )
        for pk, link in sheet.plan_links.items():
            initial[f"plan_{pk}"] = link.text
        return initial


class PhaseForm(Form):
    label = forms.CharField(
        label=_("Numéro ou repère"), max_length=LABEL_MAX, required=False,
        help_text=_("Tel que vous l'écrivez : « Phase 1 », « 1ère étape »…"),
    )
    title = forms.CharField(
        label=_("Intitulé de la phase"), max_length=TITLE_MAX, required=True,
        error_messages={"required": _("Donnez un intitulé à la phase.")},
    )
    contents = text_field(_("Contenus"))
    expected_results = text_field(_("Résultats attendus"), rows=2)
    methods = text_field(_("Méthodes"), rows=2)
    days = HalfDaysField(required=False, max_value=DAYS_MAX)
    planned_phase = forms.TypedChoiceField(
        label=_("Phase prévue de l'IC"), required=False, coerce=int, empty_value=None,
        help_text=_("Ses séances donnent alors le nombre de jours et de participants."),
    )

    def __init__(self, *args, planned=(), derived=None, **kwargs):
        """``planned``: the IC's planned phases (pk, title); ``derived``: {planned phase
        id: what its sessions give} (grille.selectors.phase_attendance)."""
        super().__init__(*args, **kwargs)
        self.fields["planned_phase"].choices = [("", _("Aucune")), *planned]
        self.derived = (derived or {}).get(self.initial.get("planned_phase"))
        if self.derived is not None:  # read from the sessions, never typed (services)
            self.fields["days"].disabled = True
            self.initial["days"] = self.derived.days  # shown as they stand, not as typed
            self.fields["days"].help_text = DAY_RULE


PHASE_FIELDS = ("label", "title", "contents", "expected_results", "methods", "days")


class BasePhaseFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        linked = [form.cleaned_data.get("planned_phase") for form in self.forms
                  if not self._should_delete_form(form)]
        linked = [pk for pk in linked if pk]
        if len(linked) != len(set(linked)):
            raise forms.ValidationError(
                _("Une phase prévue de l'IC ne se relie qu'à une phase de la grille.")
            )

    def ordered_phases(self) -> list[dict]:
        """Cleaned phases in the order the user chose; deleted and blank ones left out."""
        return [
            {**{name: form.cleaned_data.get(name, "") for name in PHASE_FIELDS},
             "planned_phase_id": form.cleaned_data.get("planned_phase")}
            for form in self.ordered_forms
        ]


PhaseFormSet = formset_factory(
    PhaseForm, formset=BasePhaseFormSet, extra=0, can_order=True, can_delete=True,
    max_num=40, validate_max=True, absolute_max=60,
)


def _days(value):
    """2 rather than 2,0; 3,5 stays."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def phase_initial(sheet) -> list[dict]:
    return [
        {"label": p.label, "title": p.title, "contents": p.contents,
         "expected_results": p.expected_results, "methods": p.methods, "days": _days(p.days),
         "planned_phase": p.planned_phase_id, "ORDER": i}
        for i, p in enumerate(sheet.phases, start=1)
    ]


def proposed_phase_initial(rows) -> list[dict]:
    """Phases proposed to an empty part 2 ({"title", "days"}…), as rows of its formset."""
    return [{"title": row["title"], "days": _days(row["days"]),
             "planned_phase": row.get("planned_phase"), "ORDER": i}
            for i, row in enumerate(rows, start=1)]


class EvaluationForm(VersionedForm):
    part = Part.EVALUATION
    strengths = text_field(_label("strengths"), rows=5, help_text=_("Un point par ligne."))
    watchpoints = text_field(_label("watchpoints"), rows=5, help_text=_("Un point par ligne."))
    evaluation_elements = text_field(_label("evaluation_elements"), rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            for sub_code, label in ((MAIN, q.label), *((s.code, s.label) for s in q.sub_questions)):
                self.fields[f"ans__{q.code}__{sub_code}"] = choice_field(label, Answer.choices)
                self.fields[f"txt__{q.code}__{sub_code}"] = text_field(
                    _("Précisions"), rows=3 if sub_code == MAIN else 2
                )

    def question_rows(self):
        rows = []
        for q in QUESTIONS:
            items = [
                (sub_code, self[f"ans__{q.code}__{sub_code}"], self[f"txt__{q.code}__{sub_code}"])
                for sub_code in (MAIN, *(s.code for s in q.sub_questions))
            ]
            rows.append((q, items))
        return rows

    def clean(self):
        cleaned = super().clean()
        self.answers = {}
        for name in self.fields:
            if name.startswith("ans__"):
                _prefix, question, sub = name.split("__")
                self.answers[(question, sub)] = (
                    cleaned.get(name) or "", cleaned.get(f"txt__{question}__{sub}") or ""
                )
        return cleaned

    @staticmethod
    def initial_from(sheet):
        g = sheet.grille
        initial = {name: getattr(g, name) for name in ("strengths", "watchpoints",
                                                        "evaluation_elements")}
        for (question, sub), answer in sheet.answers.items():
            initial[f"ans__{question}__{sub}"] = answer.answer
            initial[f"txt__{question}__{sub}"] = answer.text
        return initial


FORMS = {Part.PRESENTATION: PresentationForm, Part.ACTIONS: ActionsForm,
         Part.EVALUATION: EvaluationForm}


class ExpectedReturnForm(VersionedForm):
    """When the grille is expected back (the IC's chargés de mission set it)."""

    expected_return_on = forms.DateField(
        label=_("retour attendu le"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Saisissez une date valide (jj/mm/aaaa).")},
    )
