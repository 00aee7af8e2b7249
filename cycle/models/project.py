"""The IC project, its pilotage, objectives and budget."""

from decimal import Decimal

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Sum, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from workflows.machines import action
from workflows.models import transition_history

from ..exceptions import TransitionRefused
from ..guards import missing_for, presence_flags, requirements_met
from ..rules import can_drive_cycle
from ..states import (
    BACKWARD_STEPS,
    FORWARD_STEPS,
    INITIAL_STATE,
    OPEN_STATES,
    PHASES,
    STAGES,
    STATE_ORDER,
    State,
    state_tone,
)
from ..vocabulary import (
    CommitteeKind,
    ICType,
    NeedKind,
    ObjectiveKind,
    ProblemOrigin,
    ProjectTab,
    TerritorialScale,
)
from .actors import ProjectPartner, ProjectPrestataire, ProjectStructure
from .governance import Committee, CommitteeMember

OPEN = list(PHASES)


REASON = _("Indiquez un motif.")


def _require_reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise TransitionRefused([REASON])
    return reason.strip()


def _steps(steps, *, custom, conditions=lambda _target: []):
    """Declare one transition method over many (source, target) steps."""

    def decorate(method):
        for source, target in steps:
            method = transition(
                field="state", source=source, target=target, conditions=conditions(target),
                permission=can_drive_cycle, custom=custom,
            )(method)
        return method

    return decorate


class ProjectQuerySet(models.QuerySet):
    """The read plans of ICs: what a page of one IC shows, in a fixed number of queries."""

    def with_pilots(self):
        """The pilots with their organisation, the référent first."""
        return self.prefetch_related(
            Prefetch(
                "pilotages",
                ProjectPilot.objects.select_related("organisation").order_by(
                    "-is_referent", "organisation__name"
                ),
            )
        )

    def for_tab(self, tab):
        """The relations the page's ``tab`` (a ProjectTab) shows."""
        return self.prefetch_related(*TAB_PLANS[tab]())

    def with_page_data(self, tab=ProjectTab.PRESENTATION):
        """What the page shows with ``tab``, in a number of queries that does not grow with it."""
        # The grille rides along: the cycle's guards read its status. So do the presence
        # flags, which the guards and the checklist's answered items read (no query each).
        return (
            self.select_related("created_by", "grille").annotate(**presence_flags())
            .with_pilots().for_tab(tab)
        )


def _committees():
    return Committee.objects.prefetch_related(
        Prefetch(
            "members",
            CommitteeMember.objects.select_related(
                "organisation", "partner", "structure", "prestataire"
            ),
        ),
        "meetings",
    )


def _transition_logs():
    # The log model as the relation names it: the plan does not depend on its class.
    log = Project._meta.get_field("transition_logs").related_model
    return log.objects.select_related("by")


# Each tab's relations, built when asked (querysets are not shared between requests).
TAB_PLANS = {
    ProjectTab.PRESENTATION: lambda: ["departements", "regions", "sectors", "planned_phases"],
    ProjectTab.OBJECTIVES: lambda: ["objectives"],
    ProjectTab.BUDGET: lambda: [
        Prefetch("budget_tranches", BudgetTranche.objects.prefetch_related("funders"))
    ],
    ProjectTab.ACTORS: lambda: [
        Prefetch("partnerships", ProjectPartner.objects.select_related("partner")),
        Prefetch(
            "participations",
            ProjectStructure.objects.select_related(
                "structure__sector", "structure__departement", "consent_recorded_by"
            ),
        ),
        # Each firm's own intervenants (to tick) are for editors only: see
        # cycle.selectors.project.page_data.
        Prefetch(
            "assignments",
            ProjectPrestataire.objects.select_related("prestataire").prefetch_related(
                "intervenants"
            ),
        ),
    ],
    ProjectTab.COMMITTEES: lambda: [Prefetch("committees", _committees())],
    ProjectTab.CAPITALISATION: lambda: ["capitalisation_items"],
    ProjectTab.HISTORY: lambda: [Prefetch("transition_logs", _transition_logs())],
}


class Project(ConcurrentTransitionMixin, models.Model):
    """An ingénierie collective (IC): one support action for several structures."""

    title = models.CharField(_("intitulé"), max_length=200)
    need_kind = models.CharField(
        _("nature du besoin"), max_length=20, choices=NeedKind.choices, blank=True
    )
    ic_type = models.CharField(
        _("type d'ingénierie collective"), max_length=30, choices=ICType.choices, blank=True
    )
    pilots = models.ManyToManyField(
        "directory.Organisation", through="ProjectPilot", related_name="projects",
        verbose_name=_("pilotage"),
    )
    problem_origin = models.CharField(
        _("origine de la problématique"), max_length=20, choices=ProblemOrigin.choices, blank=True
    )
    problem_statement = models.TextField(_("problématique"), blank=True)
    problem_sources = models.TextField(
        _("sources de la problématique"), blank=True,
        help_text=_("Diagnostics DLA, sollicitations partenariales, sources documentaires…"),
    )
    territorial_scale = models.CharField(
        _("échelle territoriale"), max_length=20, choices=TerritorialScale.choices, blank=True
    )
    territory_description = models.TextField(_("description du territoire"), blank=True)
    departements = models.ManyToManyField(
        "directory.Departement", blank=True, related_name="projects",
        verbose_name=_("départements"),
    )
    regions = models.ManyToManyField(
        "directory.Region", blank=True, related_name="projects", verbose_name=_("régions")
    )
    sectors = models.ManyToManyField(
        "directory.Sector", blank=True, related_name="projects",
        verbose_name=_("secteurs d'activité"),
    )
    beneficiaries_description = models.TextField(_("bénéficiaires concernés"), blank=True)
    strategic_objective = models.TextField(_("objectif stratégique"), blank=True)
    intervention_project = models.TextField(
        _("projet d'intervention"), blank=True,
        help_text=_("Démarche, étapes et calendrier retenus avec les structures."),
    )
    evaluation_summary = models.TextField(_("synthèse de l'évaluation"), blank=True)
    launched_on = models.DateField(_("date de lancement"), null=True, blank=True)
    intervention_starts_on = models.DateField(_("début de l'intervention"), null=True, blank=True)
    intervention_ends_on = models.DateField(_("fin de l'intervention"), null=True, blank=True)
    specification_issued_on = models.DateField(
        _("cahier des charges émis le"), null=True, blank=True
    )

    state = FSMField(
        _("étape du cycle"), default=INITIAL_STATE, choices=State.choices, protected=True
    )
    # Derived by the database from the state, so lists sort and group on plain columns.
    stage = models.GeneratedField(
        expression=Case(
            *(
                When(state__in=[phase.value for phase in d.phases], then=Value(d.stage.value))
                for d in STAGES
            ),
            default=F("state"),
            output_field=models.CharField(),
        ),
        output_field=models.CharField(max_length=30),
        db_persist=True,
        verbose_name=_("étape ou statut"),
    )
    cycle_position = models.GeneratedField(
        expression=Case(
            *(When(state=state.value, then=Value(i)) for i, state in enumerate(STATE_ORDER)),
            default=Value(len(STATE_ORDER)),
            output_field=models.PositiveSmallIntegerField(),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("rang dans le cycle"),
    )
    suspended_from = models.CharField(
        _("suspendue depuis la sous-phase"), max_length=30, choices=State.choices, blank=True
    )
    closing_reason = models.TextField(_("motif d'abandon ou de suspension"), blank=True)
    # Optimistic lock (django-concurrency): a save from a stale copy raises RecordModifiedError.
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+",
        verbose_name=_("créée par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "stage", "cycle_position"]
    )
    # The cycle's fired transitions (and its creation), in the one log of every machine.
    transition_logs = transition_history("project")

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("ingénierie collective")
        verbose_name_plural = _("ingénieries collectives")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["state", "-updated_at"]),
            # The board's cards (latest first in each stage) and the table's default sort.
            models.Index(fields=["stage", "cycle_position", "-updated_at", "-id"]),
            models.Index(fields=["cycle_position", "title", "id"]),
            models.Index(fields=["launched_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=State.values), name="project_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(suspended_from="") | Q(suspended_from__in=[s.value for s in PHASES]),
                name="project_suspended_from_open_phase",
            ),
            models.CheckConstraint(
                condition=Q(intervention_ends_on__isnull=True)
                | Q(intervention_starts_on__isnull=True)
                | Q(intervention_ends_on__gte=models.F("intervention_starts_on")),
                name="project_intervention_dates_ordered",
                violation_error_message=_("La fin de l'intervention précède son début."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cycle:project_detail", args=[self.pk])

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        # Django 5.2's signature: django-concurrency reads it to know how to call
        # QuerySet._update (django-fsm's adds Django 6's ``returning_fields``).
        return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)

    @property
    def state_label(self) -> str:
        """As get_state_display(), which rebuilds its choices dict at every call (lists)."""
        return State(self.state).label

    # --- the cycle (states, order and guards come from cycle.states / cycle.guards)

    @property
    def state_tone(self) -> str:
        return state_tone(self.state)

    @property
    def stage_tone(self) -> str:
        return state_tone(self.stage)

    # --- the cycle (states, order and guards come from cycle.states / cycle.guards;
    # labels, tones and reasons of the transitions are declared here, in ``custom``)

    @_steps(
        FORWARD_STEPS, conditions=lambda target: [requirements_met(target)],
        custom=action(
            _("Passer à la sous-phase suivante"), button=_("Passer à « %(target)s »"),
            blockers=missing_for,
        ),
    )
    def advance(self):
        """Move to the next sub-phase; after capitalisation, close the IC."""

    @_steps(
        BACKWARD_STEPS,
        custom=action(_("Revenir à la sous-phase précédente"), tone="secondary", reason=REASON,
                      show_target=True),
    )
    def step_back(self, reason=""):
        """Go back one sub-phase, with a reason."""
        _require_reason(reason)

    @transition(
        field="state", source=OPEN, target=State.SUSPENDED, permission=can_drive_cycle,
        custom=action(_("Suspendre"), tone="secondary", reason=REASON),
    )
    def suspend(self, reason=""):
        self.closing_reason = _require_reason(reason)
        self.suspended_from = self.state

    @transition(
        field="state", source=State.SUSPENDED, target=RETURN_VALUE(*PHASES),
        permission=can_drive_cycle,
        custom=action(_("Reprendre"), show_target=True,
                      target=lambda project: project.suspended_from or None),
    )
    def resume(self):
        resumed, self.suspended_from, self.closing_reason = self.suspended_from, "", ""
        return resumed

    @transition(
        field="state", source=[*OPEN, State.SUSPENDED], target=State.ABANDONED,
        permission=can_drive_cycle,
        custom=action(_("Abandonner"), tone="danger", reason=REASON, confirm=_(
            "Abandonner l'IC ? Son cycle s'arrête définitivement ; son historique est conservé."
        )),
    )
    def abandon(self, reason=""):
        self.closing_reason = _require_reason(reason)

    # --- derived figures, never stored twice (each over the rows in hand when prefetched)

    def budget_totals(self) -> dict[str, Decimal]:
        return tranche_totals(self.budget_tranches.all())  # prefetched rows: no query

    @property
    def referent_pilot(self) -> "ProjectPilot | None":
        return referent_of(self.pilotages.all())

    @property
    def referent(self):
        """The référent pilot's organisation (None if the IC has none yet)."""
        pilot = self.referent_pilot
        return pilot.organisation if pilot else None

    def objectives_by_kind(self) -> dict[str, list["Objective"]]:
        return objectives_by_kind(self.objectives.all())

    @property
    def support_committee(self) -> "Committee | None":
        """The comité d'appui, among the IC's committees."""
        return next((c for c in self.committees.all() if c.kind == CommitteeKind.APPUI), None)

    @property
    def current_phase(self) -> str | None:
        """The open sub-phase the IC is in, or was in when it was suspended; else None."""
        if self.state in OPEN_STATES:
            return self.state
        if self.state == State.SUSPENDED:
            return self.suspended_from or None
        return None

    def reached_phase(self) -> str | None:
        """The open sub-phase the IC is in, or was in when it was suspended or abandoned."""
        if self.state != State.ABANDONED:
            return self.current_phase
        last_open = None
        for log in self.transition_logs.all():  # prefetched on the history tab
            for state in (log.source, log.target):
                if state in OPEN_STATES:
                    last_open = state
        return last_open

    def phase_status(self, phase, reached) -> str:
        """Where ``phase`` stands for the IC, which reached ``reached`` (see reached_phase)."""
        if self.state == State.CLOSED:
            return "done"
        if reached is None:
            return "todo"
        position, current = PHASES.index(phase), PHASES.index(reached)
        if position < current:
            return "done"
        if position > current:
            return "todo"
        return {State.SUSPENDED: "suspended", State.ABANDONED: "abandoned"}.get(
            self.state, "current"
        )


class ProjectPilot(models.Model):
    """A DLA or C2RA piloting the IC; exactly one is référent."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="pilotages")
    organisation = models.ForeignKey(
        "directory.Organisation", models.PROTECT, related_name="pilotages",
        verbose_name=_("DLA ou C2RA"),
    )
    is_referent = models.BooleanField(_("référent"), default=False)

    class Meta:
        verbose_name = _("pilote")
        verbose_name_plural = _("pilotage")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="pilot_unique_per_project"
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(is_referent=True), name="pilot_one_referent",
                violation_error_message=_("Une IC n'a qu'un seul pilote référent."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


def referent_of(pilotages) -> "ProjectPilot | None":
    """The référent among pilots in hand (a prefetch, a form's list): no query."""
    return next((pilot for pilot in pilotages if pilot.is_referent), None)


class Objective(models.Model):
    project = models.ForeignKey(Project, models.CASCADE, related_name="objectives")
    kind = models.CharField(_("nature"), max_length=20, choices=ObjectiveKind.choices)
    text = models.TextField(_("objectif"))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["kind", "position", "pk"]

    def __str__(self):
        return self.text[:80]


def objectives_by_kind(objectives) -> dict[str, list[Objective]]:
    """Objectives in hand, in their order, under each ObjectiveKind (every kind present)."""
    grouped = {kind: [] for kind in ObjectiveKind}
    for objective in objectives:
        grouped.setdefault(objective.kind, []).append(objective)
    return grouped


# The budget's totals, the one home of "amount and days summed over the tranches".
TOTALLED = ("amount", "days")


def tranche_totals(tranches) -> dict[str, Decimal]:
    """Amount and days summed over tranches in hand (a prefetch, a listed page): no query."""
    tranches = list(tranches)
    return {f: sum((getattr(t, f) for t in tranches), Decimal("0")) for f in TOTALLED}


class BudgetTrancheQuerySet(models.QuerySet):
    def totals(self) -> dict[str, Decimal]:
        """The same figures over many ICs, in one aggregate query (0 without tranches)."""
        sums = self.order_by().aggregate(**{f: Sum(f) for f in TOTALLED})
        return {f: sums[f] or Decimal("0") for f in TOTALLED}


class BudgetTranche(models.Model):
    """A funded part of the intervention budget (case D has two, with different funders)."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="budget_tranches")
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(
        _("montant (€ TTC)"), max_digits=12, decimal_places=2
    )
    days = models.DecimalField(_("nombre de jours"), max_digits=6, decimal_places=1)
    funders = models.ManyToManyField(
        "directory.Partner", blank=True, related_name="funded_tranches",
        verbose_name=_("financeurs"),
    )
    funded_by_dla = models.BooleanField(_("financée par le DLA"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords(m2m_fields=[funders])

    objects = BudgetTrancheQuerySet.as_manager()

    class Meta:
        verbose_name = _("tranche budgétaire")
        verbose_name_plural = _("budget")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="tranche_amount_not_negative",
                violation_error_message=_("Le montant ne peut être négatif."),
            ),
            models.CheckConstraint(
                condition=Q(days__gt=0) & Q(days__lte=1000), name="tranche_days_plausible",
                violation_error_message=_("Le nombre de jours doit être compris entre 0 et 1000."),
            ),
        ]

    def __str__(self):
        return self.label
