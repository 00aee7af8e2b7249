"""The grille d'enquête of an IC: the single source of its monograph.

Only what the grille alone knows is stored here. Pilotage, IC type, partners,
structures, problématique, objectives, cost and days belong to the project
(cycle.models) and are read from it, never copied.
"""

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.machines import action
from workflows.models import transition_history

from .rules import can_edit_grille, can_review_grille, capabilities_of
from .vocabulary import (
    DAYS_MAX,
    LABEL_MAX,
    MONTHS_MAX,
    TITLE_MAX,
    Answer,
    Axis,
    InterventionMode,
    WorkMethod,
)


class GrilleStatus(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    SUBMITTED = "remise", _("Remise")
    RETURNED = "renvoyee", _("Renvoyée avec commentaires")
    VALIDATED = "validee", _("Validée")


# Each status's colour (a Bootstrap tone) on badges.
STATUS_TONES = {
    GrilleStatus.DRAFT: "secondary", GrilleStatus.SUBMITTED: "primary",
    GrilleStatus.RETURNED: "warning", GrilleStatus.VALIDATED: "success",
}


def _may(right: str, predicate):
    """django-fsm's permission hook (instance, user): read from the project's
    ``capability_flags`` annotations when the page loaded them (no query), else asked."""

    def permission(grille, user) -> bool:
        project = grille.project
        if hasattr(project, "can_view"):
            return capabilities_of(user, project)[right]
        return predicate(user, project)

    return permission


_author_may = _may("edit", can_edit_grille)
_reviewer_may = _may("review", can_review_grille)


class Grille(models.Model):
    SUBMITTED_STATUSES = frozenset({GrilleStatus.SUBMITTED, GrilleStatus.VALIDATED})
    # Who may change the content in which status.
    AUTHOR_EDITABLE = frozenset({GrilleStatus.DRAFT, GrilleStatus.RETURNED})
    REVIEWER_EDITABLE = frozenset({*AUTHOR_EDITABLE, GrilleStatus.SUBMITTED})

    project = models.OneToOneField(
        "cycle.Project", models.PROTECT, related_name="grille", verbose_name=_("IC")
    )
    status = FSMField(
        _("statut"), default=GrilleStatus.DRAFT, choices=GrilleStatus.choices, protected=True
    )
    version = AutoIncVersionField(
        verbose_name=_("version"), help_text=_("numéro de version")
    )

    # --- part 1: présentation (the rest is read from the project)
    partnership_conception = models.TextField(
        _("construction partenariale : précisions sur la conception"), blank=True
    )
    partnership_implementation = models.TextField(
        _("construction partenariale : précisions sur la mise en œuvre"), blank=True
    )
    intervenant_system = models.TextField(_("système intervenant"), blank=True)
    roles_split = models.TextField(
        _("répartition des fonctions entre chargé de mission et intervenants"), blank=True
    )
    # The monograph's subtitle as its authors word the type (« … d'un même réseau »).
    type_wording = models.CharField(
        _("type d'ingénierie collective, tel qu'il sera publié"), max_length=TITLE_MAX,
        blank=True,
        help_text=_(
            "Par exemple « Réponse collective aux structures d'un même territoire ». "
            "Vide : l'intitulé du type choisi pour l'IC."
        ),
    )

    # --- part 2: descriptif des actions
    intervention_mode = models.CharField(
        _("mode d'intervention"), max_length=20, choices=InterventionMode.choices, blank=True
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MONTHS_MAX)],
    )
    course_description = models.TextField(_("déroulement de l'accompagnement"), blank=True)
    days_detail = models.TextField(_("détail du nombre de journées"), blank=True)
    work_method = models.CharField(
        _("méthode de travail"), max_length=20, choices=WorkMethod.choices, blank=True
    )
    intervention_types = models.JSONField(_("types d'intervention"), default=list, blank=True)
    plan_link = models.TextField(
        _("lien avec le plan d'accompagnement des structures"), blank=True
    )
    restitution_on = models.DateField(_("réunion de restitution le"), null=True, blank=True)
    restitution_attendees = models.TextField(_("présents à la restitution"), blank=True)
    restitution_takeaways = models.TextField(
        _("ce que les structures en ont retenu"), blank=True
    )

    # --- part 3: spécificités / évaluation (the six questions are EvaluationAnswer rows)
    strengths = models.TextField(_("points positifs"), blank=True)
    watchpoints = models.TextField(_("points de vigilance"), blank=True)
    evaluation_elements = models.TextField(_("éléments d'évaluation"), blank=True)

    # Set by the IC's chargés de mission: when the prestataire is to hand the grille in.
    expected_return_on = models.DateField(_("retour attendu le"), null=True, blank=True)

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("modifiée par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # The workflow's steps, in the one log (the project's timeline shows them).
    logs = transition_history("grille")

    class Meta:
        verbose_name = _("grille d'enquête")
        verbose_name_plural = _("grilles d'enquête")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=GrilleStatus.values), name="grille_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True)
                | Q(duration_months__gte=1, duration_months__lte=MONTHS_MAX),
                name="grille_duration_plausible",
            ),
        ]

    def __str__(self):
        return str(_("Grille d'enquête – %(project)s") % {"project": self.project})

    @property
    def is_locked(self) -> bool:
        return self.status == GrilleStatus.VALIDATED

    @property
    def status_tone(self) -> str:
        return STATUS_TONES[self.status]

    # --- the workflow (grille.services fires these, logs them and saves; a reason
    # reaches the method as ``reason=`` and is kept in the log)

    @transition(
        field="status", source=[GrilleStatus.DRAFT, GrilleStatus.RETURNED],
        target=GrilleStatus.SUBMITTED, permission=_author_may,
        custom={**action(
            _("Remettre la grille"),
            confirm=_("Remettre la grille ? Elle ne se modifiera plus, sauf si le chargé de "
                      "mission vous la renvoie avec ses commentaires."),
        ), "requires_complete": True},
    )
    def submit(self):
        """The prestataire (or the chargé de mission) hands the grille in."""

    @transition(
        field="status", source=GrilleStatus.SUBMITTED, target=GrilleStatus.RETURNED,
        permission=_reviewer_may,
        custom=action(
            _("Renvoyer avec commentaires"), tone="secondary",
            reason=_("Indiquez vos commentaires pour le renvoi."),
            reason_label=_("Commentaires pour le prestataire"),
        ),
    )
    def send_back(self, reason=""):
        """Returned to its authors with comments."""

    @transition(
        field="status", source=GrilleStatus.SUBMITTED, target=GrilleStatus.VALIDATED,
        permission=_reviewer_may,
        custom=action(_("Valider la grille"), confirm=_(
            "Valider la grille ? Elle sera verrouillée ; la rouvrir demandera un motif."
        )),
    )
    def validate(self):
        """Validated: locked from now on."""

    @transition(
        field="status", source=GrilleStatus.VALIDATED, target=GrilleStatus.DRAFT,
        permission=_reviewer_may,
        custom=action(
            _("Rouvrir la grille"), tone="secondary",
            reason=_("Indiquez le motif de la réouverture."),
            reason_label=_("Motif de la réouverture"),
        ),
    )
    def reopen(self, reason=""):
        """Unlocked again, with a reason kept in the log."""


class GrilleTheme(models.Model):
    """A theme addressed, by axis: from the controlled list, or a free one."""

    grille = models.ForeignKey(Grille, models.CASCADE, related_name="themes")
    axis = models.CharField(_("axe"), max_length=30, choices=Axis.choices)
    code = models.CharField(_("thème"), max_length=40, blank=True)
    free_label = models.CharField(_("thème libre"), max_length=TITLE_MAX, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("thème abordé")
        verbose_name_plural = _("contenus abordés")
        ordering = ["axis", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(code="") | ~Q(free_label=""), name="grille_theme_named"
            ),
            models.UniqueConstraint(
                fields=["grille", "code"], condition=~Q(code=""), name="grille_theme_unique"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        from .vocabulary import THEMES_BY_CODE

        theme = THEMES_BY_CODE.get(self.code)
        return str(theme.label) if theme else self.free_label


class Phase(models.Model):
    """One ordered phase (or étape, rencontre) of the intervention."""

    grille = models.ForeignKey(Grille, models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    # The numbering as the authors write it: « Phase 1 », « 1ère étape », « Phase intermédiaire ».
    label = models.CharField(_("numéro ou repère"), max_length=LABEL_MAX, blank=True)
    title = models.CharField(_("intitulé"), max_length=TITLE_MAX)
    contents = models.TextField(_("contenus"), blank=True)
    expected_results = models.TextField(_("résultats attendus"), blank=True)
    methods = models.TextField(_("méthodes"), blank=True)
    days = models.DecimalField(
        _("nombre de jours"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(DAYS_MAX)],
    )
    # The IC's planned phase this one reports on. When it has held sessions, ``days`` and
    # ``participants`` are theirs (meetings.attendance), written at each save and frozen
    # at hand-in. SET_NULL: the values stay written; a draft does not block the IC's
    # chargé de mission from removing a planned phase that has no session.
    planned_phase = models.ForeignKey(
        "cycle.PlannedPhase", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("phase prévue de l'IC"),
    )
    participants = models.PositiveIntegerField(
        _("participants"), null=True, blank=True,
        help_text=_("Personnes présentes aux séances de la phase, séance par séance."),
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__isnull=True) | Q(days__gt=0, days__lte=DAYS_MAX),
                name="grille_phase_days_plausible",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="grille_phase_titled"),
        ]

    def __str__(self):
        return self.title


class StructurePlanLink(models.Model):
    """How the IC ties in with one participating structure's plan d'accompagnement."""

    grille = models.ForeignKey(Grille, models.CASCADE, related_name="plan_links")
    participation = models.ForeignKey(
        "cycle.ProjectStructure", models.CASCADE, related_name="grille_plan_links",
        verbose_name=_("structure"),
    )
    text = models.TextField(_("lien avec son plan d'accompagnement"), blank=True)

    class Meta:
        verbose_name = _("lien avec un plan d'accompagnement")
        verbose_name_plural = _("liens avec les plans d'accompagnement")
        constraints = [
            models.UniqueConstraint(
                fields=["grille", "participation"], name="grille_plan_link_unique"
            ),
        ]

    def __str__(self):
        return str(self.participation.structure)


class EvaluationAnswer(models.Model):
    """The answer to one of the six questions (sub_question "") or to a sub-question."""

    grille = models.ForeignKey(Grille, models.CASCADE, related_name="answers")
    question = models.CharField(_("question"), max_length=30)
    sub_question = models.CharField(_("sous-question"), max_length=30, blank=True)
    answer = models.CharField(_("réponse"), max_length=10, choices=Answer.choices, blank=True)
    text = models.TextField(_("précisions"), blank=True)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses aux questions d'évaluation")
        constraints = [
            models.UniqueConstraint(
                fields=["grille", "question", "sub_question"], name="grille_answer_unique"
            ),
        ]

    def __str__(self):
        return f"{self.question}/{self.sub_question}: {self.get_answer_display()}"
