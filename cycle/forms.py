"""Forms of the project page: the IC itself (with the fiche technique), its cycle, its actors."""

from collections import defaultdict

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from directory.forms import BeneficiaryStructureForm
from directory.models import (
    BeneficiaryStructure,
    Organisation,
    Partner,
    Prestataire,
)
from directory.services import near_duplicate_message, similar_partners
from directory.vocabulary import PartnerKind
from dla_ic.concurrency import MergeableFormMixin, VersionedFormMixin
from dla_ic.formsets import KnownRowsFormSetMixin, OrderedRowsFormSetMixin
from dla_ic.inputs import Form, FrenchDecimalField, HalfDaysField, ModelForm
from workflows import machines as workflow

from . import fiche_technique, proposals
from .choices import OFFERED, Offers, list_only
from .fiche_technique import StructureCount
from .models import (
    BudgetTranche,
    CapitalisationItem,
    Committee,
    CommitteeMember,
    Meeting,
    Objective,
    PlannedPhase,
    Project,
    ProjectPrestataire,
    ProjectStructure,
    referent_of,
)
from .models.planning import PHASE_DAYS_MAX
from .services import MAX_NEW_STRUCTURES, participation_targets
from .states import PHASES
from .vocabulary import NeedKind, PartnerRole

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(VersionedFormMixin, ModelForm):
    """Create or edit an IC. Starts with the fiche technique's two questions."""

    structure_count = forms.ChoiceField(
        label=_("L'action concerne-t-elle une ou plusieurs structures ?"),
        choices=StructureCount.choices,
        widget=forms.RadioSelect,
        initial=StructureCount.SEVERAL,
    )
    pilots = forms.ModelMultipleChoiceField(
        label=_("DLA et C2RA pilotes"),
        queryset=Organisation.objects.select_related("region").order_by("kind", "name"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    referent = forms.ModelChoiceField(
        label=_("Pilote référent"),
        queryset=Organisation.objects.order_by("kind", "name"),
        help_text=_("Le DLA ou C2RA qui coordonne l'IC ; il fait partie des pilotes."),
    )
    class Meta:
        model = Project
        fields = [
            "need_kind", "ic_type", "title",
            "problem_origin", "problem_statement", "problem_sources",
            "territorial_scale", "territory_description", "departements", "regions", "sectors",
            "beneficiaries_description", "strategic_objective", "intervention_project",
            "evaluation_summary",
            "launched_on", "specification_issued_on",
            "intervention_starts_on", "intervention_ends_on",
        ]
        labels = {"need_kind": _("Quelle est la nature du besoin des structures ?")}
        widgets = {
            "need_kind": forms.RadioSelect,
            "problem_statement": forms.Textarea(attrs={"rows": 4}),
            "problem_sources": forms.Textarea(attrs={"rows": 3}),
            "territory_description": forms.Textarea(attrs={"rows": 2}),
            "beneficiaries_description": forms.Textarea(attrs={"rows": 2}),
            "strategic_objective": forms.Textarea(attrs={"rows": 2}),
            "intervention_project": forms.Textarea(attrs={"rows": 3}),
            "evaluation_summary": forms.Textarea(attrs={"rows": 3}),
            "departements": forms.SelectMultiple(attrs={"size": 6}),
            "regions": forms.SelectMultiple(attrs={"size": 6}),
            "sectors": forms.CheckboxSelectMultiple,
            "launched_on": DATE_WIDGET,
            "specification_issued_on": DATE_WIDGET,
            "intervention_starts_on": DATE_WIDGET,
            "intervention_ends_on": DATE_WIDGET,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["need_kind"].required = True
        self.fields["need_kind"].choices = NeedKind.choices
        self.fields["ic_type"].help_text = _(
            "Proposé d'après la nature du besoin ; vous pouvez le changer."
        )
        self.fields["departements"].queryset = self.fields["departements"].queryset.order_by(
            "code"
        )
        if self.instance.pk:
            pilotages = list(self.instance.pilotages.all())
            self.initial.setdefault("pilots", [p.organisation_id for p in pilotages])
            referent = referent_of(pilotages)
            self.initial.setdefault("referent", referent.organisation_id if referent else None)
        elif user is not None and user.organisation_id:
            self.initial.setdefault("pilots", [user.organisation_id])
            self.initial.setdefault("referent", user.organisation_id)
        proposals.propose_evaluation_summary(self, self.instance)  # issue 21: from the grille

    def proposed_types(self) -> dict[str, dict[str, str]]:
        """The fiche technique's table, for the page's script."""
        return fiche_technique.table_for_script()

    def clean(self):
        data = super().clean()
        need, count = data.get("need_kind"), data.get("structure_count")
        if need and count:
            outcome = fiche_technique.decide(count, need)
            if outcome.refusal:
                raise forms.ValidationError(outcome.refusal, code="fiche_technique")
            if not data.get("ic_type"):
                data["ic_type"] = outcome.ic_type
                self.instance.ic_type = data["ic_type"]
        pilots, referent = list(data.get("pilots") or []), data.get("referent")
        if referent is not None and pilots and referent not in pilots:
            self.add_error("referent", _("Le référent doit faire partie des pilotes."))
        user = self.user
        if (
            user is not None and not user.is_admin_role and user.organisation_id
            and pilots and user.organisation_id not in {org.pk for org in pilots}
        ):
            self.add_error(
                "pilots", _("Votre DLA ou C2RA doit rester parmi les pilotes de l'IC.")
            )
        return data

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("departements", "regions", "sectors")}

    def plain_fields(self) -> dict:
        many = {"departements", "regions", "sectors"}
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name not in many
        }


class ObjectiveForm(MergeableFormMixin, ModelForm):
    class Meta:
        model = Objective
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class BaseObjectiveFormSet(OrderedRowsFormSetMixin, KnownRowsFormSetMixin, BaseInlineFormSet):
    """Objectives numbered by their place on the page, 1..n within each kind."""

    @staticmethod
    def numbering_group(objective):
        return objective.kind


ObjectiveFormSet = inlineformset_factory(
    Project, Objective, form=ObjectiveForm, formset=BaseObjectiveFormSet, extra=2,
    can_delete=True, can_order=True,
)

NEW_FUNDER_FIELDS = (
    "new_funder_name", "new_funder_kind", "new_funder_fse", "new_funder_confirm",
)
_FSE_FIELD = Partner._meta.get_field("european_social_fund")


class BudgetTrancheForm(MergeableFormMixin, ModelForm):
    amount = FrenchDecimalField(
        label=_("montant (€ TTC)"), max_digits=12, decimal_places=2, min_value=0,
        help_text=_("En euros, deux décimales au plus (ex. 23 824,32)."),
    )
    days = FrenchDecimalField(
        label=_("nombre de jours"), max_digits=6, decimal_places=1, min_value=0,
    )
    # A funder not yet in the directory, created with the IC's save (cycle.services).
    new_funder_name = forms.CharField(
        label=_("nom du nouveau financeur"), max_length=200, required=False,
    )
    new_funder_kind = forms.ChoiceField(
        label=_("type du nouveau financeur"), required=False,
        choices=[("", "---------"), *PartnerKind.choices],
    )
    new_funder_fse = forms.BooleanField(
        label=_FSE_FIELD.verbose_name, help_text=_FSE_FIELD.help_text, required=False,
    )
    new_funder_confirm = forms.BooleanField(
        label=_("Je confirme qu'il s'agit d'une nouvelle organisation, pas d'un doublon"),
        required=False,
    )

    class Meta:
        model = BudgetTranche
        fields = ["label", "amount", "days", "funders", "funded_by_dla"]
        widgets = {"funders": forms.SelectMultiple(attrs={"size": 3})}

    def __init__(self, *args, may_add_funder=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_add_funder:  # the directory is written by its editors only
            for name in NEW_FUNDER_FIELDS:
                del self.fields[name]

    def edited_names(self):
        return [name for name in super().edited_names() if name not in NEW_FUNDER_FIELDS]

    def clean(self):
        data = super().clean()
        name = (data.get("new_funder_name") or "").strip()
        if name and not data.get("new_funder_kind"):
            self.add_error("new_funder_kind", _("Indiquez le type du nouveau financeur."))
        elif not name and data.get("new_funder_kind"):
            self.add_error(
                "new_funder_name",
                _("Indiquez le nom du nouveau financeur, ou laissez son type vide."),
            )
        elif name and not data.get("new_funder_confirm") and (
            similar := similar_partners(name)
        ):
            self.add_error("new_funder_name", near_duplicate_message(
                ", ".join(f"« {partner.name} »" for partner in similar)
            ))
        return data

    def new_funder(self) -> dict | None:
        """The funder typed in place (name, kind, FSE or not), if any."""
        name = (self.cleaned_data.get("new_funder_name") or "").strip()
        if not name:
            return None
        return {"name": name, "kind": self.cleaned_data["new_funder_kind"],
                "european_social_fund": bool(self.cleaned_data.get("new_funder_fse"))}


class BaseBudgetTrancheFormSet(
    OrderedRowsFormSetMixin, KnownRowsFormSetMixin, BaseInlineFormSet
):
    """Tranches with their funders prefetched and the funders' choices read once."""

    numbering_group = None

    def get_queryset(self):
        if not hasattr(self, "_tranches"):
            self._tranches = super().get_queryset().prefetch_related("funders")
        return self._tranches

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if not hasattr(self, "_funder_choices"):
            self._funder_choices = [
                (partner.pk, str(partner)) for partner in Partner.objects.order_by("name")
            ]
        form.fields["funders"].choices = self._funder_choices

    def save(self, commit=True):
        """Saved as Django does, but the funders changed by add/remove after one read of
        every saved tranche's funders: Django's ``set()`` reads them once per tranche."""
        rows = super().save(commit=False)
        if commit:
            for row in self.deleted_objects:
                row.delete()
            for row in rows:
                row.save()
            self._save_funders(rows)
        return rows

    def _save_funders(self, rows) -> None:
        current = defaultdict(set)
        links = BudgetTranche.funders.through.objects.filter(budgettranche__in=rows)
        for tranche_id, partner_id in links.values_list("budgettranche_id", "partner_id"):
            current[tranche_id].add(partner_id)
        for form in self.saved_forms:
            wanted = {partner.pk for partner in form.cleaned_data["funders"]}
            have = current[form.instance.pk]
            if wanted - have:
                form.instance.funders.add(*(wanted - have))
            if have - wanted:
                form.instance.funders.remove(*(have - wanted))

    def new_funders(self) -> list[tuple]:
        """(tranche, {name, kind}) for each kept tranche given a funder typed in place."""
        return [
            (form.instance, funder) for form in self.ordered_forms
            if (funder := form.new_funder())
        ]


BudgetTrancheFormSet = inlineformset_factory(
    Project, BudgetTranche, form=BudgetTrancheForm, formset=BaseBudgetTrancheFormSet, extra=1,
    can_delete=True, can_order=True,
)


# --- the cycle

class ChecklistTickForm(VersionedFormMixin, Form):
    done = forms.BooleanField(label=_("fait"), required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=2000)


class ChecklistDueForm(VersionedFormMixin, Form):
    """An item's due date and who does it: one of the IC's chargés de mission (``pilots``)."""

    due_on = forms.DateField(
        label=_("échéance"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Saisissez une date valide (jj/mm/aaaa).")},
    )
    assignee = forms.ModelChoiceField(
        label=_("responsable"), queryset=None, required=False,
        empty_label=_("les chargés de mission de l'IC"),
        error_messages={"invalid_choice": _(
            "Choisissez un chargé de mission d'une organisation qui pilote l'IC."
        )},
    )

    def __init__(self, *args, pilots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = pilots

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("assignee") and not cleaned.get("due_on") and not self.has_error("due_on"):
            self.add_error("due_on", _("Indiquez l'échéance de la personne désignée."))
        return cleaned


class PhaseTargetsForm(Form):
    """A target date per sub-phase (empty: none); ``shown``: the saved dates the page
    showed, posted back as ``initial-<phase>`` to tell a later save by someone else."""

    def __init__(self, *args, saved=None, proposed=None, **kwargs):
        super().__init__(*args, **kwargs)
        saved, proposed = saved or {}, proposed or {}
        for phase in PHASES:
            self.fields[phase] = forms.DateField(
                label=phase.label, required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=saved.get(phase) or proposed.get(phase),
                error_messages={"invalid": _("Saisissez une date valide (jj/mm/aaaa).")},
            )

    def seen(self) -> dict[str, str]:
        return {phase: self.data.get(f"initial-{phase}", "") for phase in PHASES}


class TransitionForm(Form):
    name = forms.ChoiceField(choices=lambda: list(workflow.labels(Project, "state").items()))
    state = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("motif ou commentaire"), required=False, max_length=4000)

    def clean(self):
        # The checklist items checked on the way (their pks; anything else is dropped): the
        # service keeps only those of the IC's sub-phase still to tick by hand.
        cleaned = super().clean()
        cleaned["ticks"] = self.chosen_ticks()
        return cleaned

    def chosen_ticks(self) -> set[int]:
        """The items checked, as posted: also to check them again on a redisplayed form."""
        return {int(pk) for pk in self.data.getlist("ticks") if pk.isdigit()}


# --- actors

class OffersNearbyMixin:
    """List only the directory entries near the IC (or matching the search)."""

    directory_fields = {}  # form field -> directory model

    def offer_nearby(self, offers: Offers | None, search=""):
        if offers is None:
            return
        for name, model in self.directory_fields.items():
            self.fields[name].help_text = _(
                "Les entrées du territoire de l'IC, ou celles qui répondent à la recherche "
                "(%(limit)s au plus)."
            ) % {"limit": OFFERED}
            list_only(self.fields[name], offers.of(model, search))


class PartnerRolesForm(Form):
    """A partner's roles in the IC, several at once (one partnership row each), and what it
    brings: the part shared by « associer un partenaire » and « nouveau partenaire »."""

    role = forms.MultipleChoiceField(
        label=_("Rôles dans l'IC"), choices=PartnerRole.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un rôle du partenaire dans l'IC.")},
    )
    contribution = forms.CharField(label=_("Contribution"), required=False, max_length=2000)


class PartnershipForm(OffersNearbyMixin, PartnerRolesForm):
    directory_fields = {"partner": Partner}
    partner = forms.ModelChoiceField(
        label=_("Partenaire"), queryset=Partner.objects.order_by("name")
    )
    field_order = ["partner", "role", "contribution"]

    def __init__(self, *args, offers=None, search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_nearby(offers, search)


class ParticipationForm(OffersNearbyMixin, Form):
    directory_fields = {"structure": BeneficiaryStructure}
    structure = forms.ModelChoiceField(
        label=_("structure bénéficiaire"), queryset=BeneficiaryStructure.objects.order_by("name")
    )

    def __init__(self, *args, offers=None, search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_nearby(offers, search)


class ParticipationStatusForm(Form):
    status = forms.ChoiceField(label=_("participation"), choices=participation_targets)
    reason = forms.CharField(label=_("motif du retrait"), required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class BulkParticipationForm(Form):
    """The structures table's bulk action: the checked rows, moved to one status."""

    rows = forms.ModelMultipleChoiceField(
        label=_("structures cochées"), queryset=ProjectStructure.objects.none(),
        error_messages={
            "required": _("Cochez au moins une structure."),
            "invalid_choice": _("Une structure cochée ne participe plus à l'IC."),
            "invalid_pk_value": _("Une structure cochée ne participe plus à l'IC."),
        },
    )
    status = forms.ChoiceField(
        label=_("Passer les structures cochées à"), choices=participation_targets
    )
    reason = forms.CharField(label=_("motif (si retrait)"), required=False, max_length=2000)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rows"].queryset = project.participations.select_related("structure")


class CommitteeForm(ModelForm):
    class Meta:
        model = Committee
        fields = ["kind", "purpose"]
        widgets = {"purpose": forms.TextInput}


class OpinionForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Committee
        fields = ["opinion", "opinion_on", "capitalisation_opinion", "capitalisation_opinion_on"]
        widgets = {
            "opinion": forms.Textarea(attrs={"rows": 2}), "opinion_on": DATE_WIDGET,
            "capitalisation_opinion": forms.Textarea(attrs={"rows": 2}),
            "capitalisation_opinion_on": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opinion"].required = True


class CommitteeChoiceMixin:
    def limit_committees(self, project):
        self.fields["committee"].queryset = Committee.objects.filter(project=project)
        self.fields["committee"].choices = [("", "---------")] + [
            (c.pk, c.get_kind_display()) for c in project.committees.all()
        ]


class CommitteeMemberForm(OffersNearbyMixin, CommitteeChoiceMixin, ModelForm):
    directory_fields = {
        "partner": Partner, "structure": BeneficiaryStructure, "prestataire": Prestataire,
    }
    committee = forms.ModelChoiceField(label=_("comité"), queryset=Committee.objects.none())

    class Meta:
        model = CommitteeMember
        fields = ["committee", "organisation", "partner", "structure", "prestataire", "person",
                  "function"]

    def __init__(self, *args, project, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_committees(project)
        self.offer_nearby(offers)


class MeetingForm(CommitteeChoiceMixin, ModelForm):
    committee = forms.ModelChoiceField(label=_("comité"), queryset=Committee.objects.none())

    class Meta:
        model = Meeting
        fields = ["committee", "held_on", "attendees", "decisions"]
        widgets = {
            "held_on": DATE_WIDGET,
            "attendees": forms.TextInput,
            "decisions": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_committees(project)


class AssignmentForm(OffersNearbyMixin, ModelForm):
    directory_fields = {"prestataire": Prestataire}

    class Meta:
        model = ProjectPrestataire
        fields = ["prestataire", "selected_on", "mission"]
        widgets = {"selected_on": DATE_WIDGET, "mission": forms.TextInput}

    def __init__(self, *args, offers=None, search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prestataire"].queryset = Prestataire.objects.order_by("name")
        self.offer_nearby(offers, search)


class CapitalisationItemForm(ModelForm):
    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        proposals.propose_capitalisation_item(self, project)  # the validated grille's part 3

    class Meta:
        model = CapitalisationItem
        fields = ["title", "nature", "description", "transferable", "target_audiences",
                  "responsible"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "target_audiences": forms.TextInput,
        }


class PlannedPhaseForm(ModelForm):
    """A phase of the projet d'intervention, added in place on the IC's page."""

    days = HalfDaysField(required=False, max_value=PHASE_DAYS_MAX)

    class Meta:
        model = PlannedPhase
        fields = ["title", "days", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": _("Donnez un intitulé à la phase.")}}



class NewStructureRowForm(BeneficiaryStructureForm):
    """A row of « Ajouter plusieurs structures »: the directory's form, shorter. A SIRET
    already in the directory is refused by the service, naming its structure."""

    class Meta(BeneficiaryStructureForm.Meta):
        fields = ["name", "legal_form", "siret", "sector", "departement", "employees"]

    def validate_unique(self):
        pass


class BaseNewStructuresFormSet(forms.BaseFormSet):
    """Rows of new structures (services.create_and_add_structures): a row left blank, or
    removed by the page's script, is ignored; ``places`` proposes the IC's sector and
    département in each row (choices.IcPlaces)."""

    def __init__(self, *args, places, **kwargs):
        self.places = places
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"initial": self.places.initial}

    def _construct_form(self, i, **kwargs):
        return self.places.propose(super()._construct_form(i, **kwargs))

    @property
    def empty_form(self):
        return self.places.propose(super().empty_form)

    def filled(self) -> list:
        """The rows typed in, in the page's order."""
        return [form for form in self.forms if form.has_changed()]

    def rows_refused(self) -> bool:
        return self.is_bound and any(form.errors for form in self.forms)


# More rows than allowed are refused by the service (its message); far more, by Django.
NewStructuresFormSet = forms.formset_factory(
    NewStructureRowForm, formset=BaseNewStructuresFormSet, extra=3,
    max_num=MAX_NEW_STRUCTURES, absolute_max=MAX_NEW_STRUCTURES + 10,
)
