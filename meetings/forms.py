from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cycle.models import PlannedPhase
from cycle.states import PHASES
from dla_ic.concurrency import VersionedFormMixin
from dla_ic.inputs import Form, ModelForm
from dossier.forms import file_field
from dossier.uploads import validate_upload

from .attendance import DAY_RULE
from .models import Meeting
from .vocabulary import MAX_SEATS, Answer

FIELDS = [
    "title", "phase", "planned_phase", "held_on", "starts_at", "ends_at", "place", "video_url",
    "agenda",
]
SEATS_PREFIX = "invites_"


class MeetingForm(VersionedFormMixin, ModelForm):
    """A session, the committed structures invited (how many people each, 0: not
    invited) and the chosen firms' intervenants who lead it."""

    video_url = forms.URLField(
        label=_("Lien de visioconférence"), required=False, max_length=200,
        assume_scheme="https", help_text=_("Un lieu, un lien, ou les deux."),
    )
    intervenants = forms.ModelMultipleChoiceField(
        label=_("Intervenants"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = FIELDS
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "starts_at": _("Heure de Paris."),
        }

    def __init__(self, *args, participations, intervenants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [(p.value, p.label) for p in PHASES]
        planned = self.fields["planned_phase"]
        planned.queryset = PlannedPhase.objects.filter(project_id=self.instance.project_id)
        planned.empty_label = _("Aucune")
        planned.help_text = format_lazy("{} {}", planned.help_text, DAY_RULE)
        self.fields["intervenants"].queryset = intervenants
        self.participations = list(participations)
        seats = {}
        if self.instance.pk:
            chosen = [i.pk for i in self.instance.intervenants.all()]
            self.initial.setdefault("intervenants", chosen)
            seats = {i.structure_id: i.seats for i in self.instance.invitations.all()}
        for row in self.participations:
            self.fields[f"{SEATS_PREFIX}{row.structure_id}"] = forms.IntegerField(
                label=str(row.structure), min_value=0, max_value=MAX_SEATS, required=False,
                initial=seats.get(row.structure_id, 0),
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )

    def seat_fields(self):
        return [self[f"{SEATS_PREFIX}{row.structure_id}"] for row in self.participations]

    def invited(self) -> dict:
        """{structure: seats} of the structures invited."""
        return {
            row.structure: seats
            for row in self.participations
            if (seats := self.cleaned_data.get(f"{SEATS_PREFIX}{row.structure_id}") or 0)
        }

    def clean(self):
        data = super().clean()
        if self.participations and not self.invited():
            self.add_error(None, _("Invitez au moins une structure (un nombre de personnes)."))
        return data

    def meeting_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class AnswerForm(Form):
    answer = forms.ChoiceField(
        label=_("Votre réponse"), widget=forms.RadioSelect,
        choices=[(Answer.YES, _("Nous venons")), (Answer.NO, _("Nous ne venons pas"))],
    )
    attending = forms.IntegerField(
        label=_("Combien de personnes ?"), min_value=1, max_value=MAX_SEATS, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == Answer.YES and not data.get("attending"):
            self.add_error("attending", _("Indiquez combien de personnes viennent."))
        return data


class CancelForm(VersionedFormMixin, Form):
    pass


class SignedSheetForm(Form):
    file = file_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Feuille d'émargement signée (scan)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        return upload


class AttendanceForm(Form):
    """One name and one « présent » box per expected person (``lines``), and, hidden, each
    line as it was loaded: the save writes only what this user changed. ``kept``: {(structure
    id, slot): (name, present)} typed here and shown back over ``lines``' saved values;
    ``conflicts``: {(structure id, slot): the row someone else saved meanwhile}."""

    def __init__(self, *args, lines, kept=None, conflicts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines, self.conflicts, kept = lines, conflicts or {}, kept or {}
        for line in lines:
            name, present = kept.get(_key(line), (line.name, line.present))
            self.fields[f"name-{line.field}"] = forms.CharField(
                label=_("Nom"), max_length=200, required=False, initial=name,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.fields[f"present-{line.field}"] = forms.BooleanField(
                label=_("Présent"), required=False, initial=present,
            )
            self.fields[f"was-name-{line.field}"] = forms.CharField(
                required=False, initial=line.name, widget=forms.HiddenInput,
            )
            self.fields[f"was-present-{line.field}"] = forms.CharField(
                required=False, initial="1" if line.present else "", widget=forms.HiddenInput,
            )

    def rows(self):
        return [(line, self[f"name-{line.field}"], self[f"present-{line.field}"],
                 self._conflict(line)) for line in self.lines]

    def _conflict(self, line) -> str:
        row = self.conflicts.get(_key(line))
        if row is None:
            return ""
        who = row.recorded_by.get_full_name() or row.recorded_by.username
        return _("Modifié entre-temps par %(who)s ; vérifiez (enregistré : « %(name)s », "
                 "%(presence)s).") % {
            "who": who, "name": row.name or "—",
            "presence": _("présent") if row.present else _("absent"),
        }

    def clean(self):
        data = super().clean()
        for line in self.lines:
            if data.get(f"present-{line.field}") and not data.get(f"name-{line.field}"):
                self.add_error(f"name-{line.field}", _("Indiquez le nom de la personne présente."))
        return data

    def _was(self, line) -> tuple | None:
        """The line as loaded; None from a page without it (then saved as typed)."""
        if self.add_prefix(f"was-name-{line.field}") not in self.data:
            return None
        data = self.cleaned_data
        return data[f"was-name-{line.field}"], bool(data[f"was-present-{line.field}"])

    def recorded(self) -> list[dict]:
        return [
            {"structure": line.structure, "slot": line.slot,
             "name": self.cleaned_data[f"name-{line.field}"],
             "present": self.cleaned_data[f"present-{line.field}"], "was": self._was(line)}
            for line in self.lines
        ]

    def kept(self, keys) -> dict:
        """{key: (name, present)} typed here for the lines ``keys``."""
        return {(d["structure"].pk, d["slot"]): (d["name"], d["present"])
                for d in self.recorded() if (d["structure"].pk, d["slot"]) in keys}


def _key(line) -> tuple:
    return (line.structure.pk, line.slot)
